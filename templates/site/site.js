// The portal preview (dist/site/). Plain script, no library, no request outside the output folder.
// Data arrive as script files (data/*.js) calling LICAT_SITE.put, so the page works opened from
// disk (file://, where fetch() of local files is refused) and from any static host. The hall data
// (data/halls/<city>.js) and the guides (data/guides/<code>.js) load when first needed.
// Catalog text only ever reaches the page as textContent; the one innerHTML is a guide's sections,
// rendered and escaped by licat at build time.
(function () {
  'use strict';
  var TIER = { province: 0, city: 1, county: 2, town: 3, village: 4 };
  var store = { catalog: null, regions: null, halls: {}, guide: {} };
  var pending = {};
  window.LICAT_SITE = {
    put: function (kind, key, value) {
      if (kind === 'catalog' || kind === 'regions') store[kind] = value;
      else if (store[kind]) store[kind][key] = value;
    }
  };

  /** Load data/<path>.js once; resolves with what it put. */
  function load(kind, key, path) {
    if (store[kind][key]) return Promise.resolve(store[kind][key]);
    var id = kind + ':' + key;
    if (!pending[id]) {
      pending[id] = new Promise(function (resolve, reject) {
        var script = document.createElement('script');
        script.src = 'data/' + path + '.js';
        script.onload = function () {
          delete pending[id];
          if (store[kind][key]) resolve(store[kind][key]);
          else reject(new Error('missing data: ' + path));
        };
        script.onerror = function () {
          delete pending[id];
          reject(new Error('cannot load ' + path));
        };
        document.head.appendChild(script);
      });
    }
    return pending[id];
  }

  var regions = {};
  var cities = [];
  var itemByCode = {};
  var deptName = {};
  var state = { groupBy: 'department', large: false };

  function $(id) { return document.getElementById(id); }
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) {
      if (k === 'text') node.textContent = attrs[k];
      else if (k === 'className') node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }

  function init() {
    var catalog = store.catalog;
    $('catalog-name').textContent = catalog.name + '　版本 ' + catalog.version;
    catalog.items.forEach(function (item, i) { item.index = i; itemByCode[item.code] = item; });
    catalog.departments.forEach(function (d) { deptName[d.key] = d.name; });
    store.regions.forEach(function (r) {
      regions[r[0]] = { code: r[0], name: r[1], tier: r[2], parent: r[3] || null, children: [] };
    });
    Object.keys(regions).forEach(function (code) {
      var r = regions[code];
      if (r.parent && regions[r.parent]) regions[r.parent].children.push(r);
      if (r.tier === TIER.city) cities.push(r);
    });
    fillSelect($('sel-city'), cities);
    $('sel-city').addEventListener('change', function () { pick(this.value); });
    $('sel-county').addEventListener('change', function () { pick(this.value || $('sel-city').value); });
    $('sel-town').addEventListener('change', function () { pick(this.value || $('sel-county').value || $('sel-city').value); });
    $('sel-village').addEventListener('change', function () { pick(this.value || $('sel-town').value); });
    $('hall-q').addEventListener('input', searchHalls);
    $('item-q').addEventListener('input', searchItems);
    ['pick-form', 'hall-search', 'item-search'].forEach(function (id) {
      $(id).addEventListener('submit', function (e) { e.preventDefault(); });
    });
    window.addEventListener('hashchange', route);
    route();
  }

  function fillSelect(select, list) {
    clear(select).appendChild(el('option', { value: '', text: '请选择' }));
    list.forEach(function (r) { select.appendChild(el('option', { value: r.code, text: r.name })); });
    select.disabled = list.length === 0;
  }

  function pick(code) {
    if (!code) return;
    location.hash = 'hall=' + code;
  }

  /** The region and its ancestors, province first. */
  function chain(code) {
    var out = [];
    var r = regions[code];
    while (r && out.length < 8) { out.unshift(r); r = r.parent ? regions[r.parent] : null; }
    return out;
  }

  /** Keep the four selects in step with the chosen hall. */
  function syncSelects(code) {
    var path = chain(code);
    var at = {};
    path.forEach(function (r) { at[r.tier] = r; });
    var city = at[TIER.city];
    $('sel-city').value = city ? city.code : '';
    var counties = city ? city.children.filter(function (r) { return r.tier === TIER.county; }) : [];
    fillSelect($('sel-county'), counties);
    if (at[TIER.county]) $('sel-county').value = at[TIER.county].code;
    var townParent = at[TIER.county] || (city && counties.length === 0 ? city : null);
    var towns = townParent ? townParent.children.filter(function (r) { return r.tier === TIER.town; }) : [];
    fillSelect($('sel-town'), towns);
    if (at[TIER.town]) $('sel-town').value = at[TIER.town].code;
    var villages = at[TIER.town] ? at[TIER.town].children : [];
    fillSelect($('sel-village'), villages);
    if (at[TIER.village]) $('sel-village').value = at[TIER.village].code;
  }

  /** The file a hall's data are in: its city's, or the province hall's own. */
  function groupOf(code) {
    var path = chain(code);
    for (var i = path.length - 1; i >= 0; i--) if (path[i].tier <= TIER.city) return path[i].code;
    return code;
  }

  /** A hall's offers and facts, loading its city's file (and the deciding halls' files). */
  function hallData(code) {
    return load('halls', groupOf(code), 'halls/' + groupOf(code)).then(function (group) {
      var profile = group.halls[code];
      return { code: code, group: group, offers: profile === undefined ? null : group.profiles[profile], facts: group.facts[code] || null };
    });
  }

  /** Same rule as licat's defaultHallName: names from the city down, 便民服务站 for a village. */
  function hallName(code, facts) {
    if (facts) return facts.name;
    var path = chain(code).filter(function (r) { return r.tier !== TIER.province; });
    var names = path.length ? path.map(function (r) { return r.name; }).join('') : (regions[code] || { name: code }).name;
    return names + ((regions[code] || {}).tier === TIER.village ? '便民服务站' : '政务服务中心');
  }

  function pathText(code) {
    return chain(code).map(function (r) { return r.name; }).join(' › ');
  }

  function params() {
    var out = {};
    location.hash.replace(/^#/, '').split('&').forEach(function (pair) {
      var i = pair.indexOf('=');
      if (i > 0) out[decodeURIComponent(pair.slice(0, i))] = decodeURIComponent(pair.slice(i + 1));
    });
    return out;
  }

  function route() {
    var p = params();
    var view = $('view');
    if (p.hall && !regions[p.hall]) return show(view, [el('p', { text: '未找到区划代码为 ' + p.hall + ' 的大厅。' })]);
    if (p.hall) syncSelects(p.hall);
    if (p.item) {
      if (!itemByCode[p.item]) return show(view, [el('p', { text: '未找到基本编码为 ' + p.item + ' 的事项。' })]);
      return showGuide(p.item, p.hall).catch(failed);
    }
    if (p.hall) return showHall(p.hall).catch(failed);
  }

  function failed(error) {
    show($('view'), [el('p', { text: '数据加载失败：' + error.message })]);
  }

  function show(view, nodes) {
    clear(view);
    nodes.forEach(function (n) { if (n) view.appendChild(n); });
  }

  function factsBox(code, facts) {
    if (!facts) return el('div', { className: 'facts-box' }, [el('p', { text: '本大厅的地址、办公时间和电话以大厅公布为准；可拨打政务服务热线 12345 咨询。' })]);
    return el('div', { className: 'facts-box' }, [
      facts.address ? el('p', { text: '地址：' + facts.address }) : null,
      facts.hours ? el('p', { text: '办公时间：' + facts.hours }) : null,
      facts.phone ? el('p', { text: '咨询电话：' + facts.phone + (facts.complaintPhone ? '　投诉电话：' + facts.complaintPhone : '') }) : null
    ]);
  }

  function roleText(offer, group) {
    return offer[1] === 0 ? '本大厅受理并决定' : '受理后转报' + group.bodies[offer[3]][0];
  }

  function showHall(code) {
    return hallData(code).then(function (hall) {
      var view = $('view');
      var name = hallName(code, hall.facts);
      var nodes = [el('h2', { id: 'hall-title', text: name }), el('p', { className: 'muted', text: pathText(code) }), factsBox(code, hall.facts)];
      var offers = hall.offers || [];
      nodes.push(el('p', { id: 'hall-count', text: '本大厅可办理 ' + offers.length + ' 个事项。' }));
      var byDept = el('button', { type: 'button', 'aria-pressed': String(state.groupBy === 'department'), text: '按部门' });
      var byEvent = el('button', { type: 'button', 'aria-pressed': String(state.groupBy === 'event'), text: '按主题' });
      byDept.addEventListener('click', function () { state.groupBy = 'department'; showHall(code); });
      byEvent.addEventListener('click', function () { state.groupBy = 'event'; showHall(code); });
      nodes.push(el('div', { className: 'toolbar', role: 'group', 'aria-label': '事项分组方式' }, [byDept, byEvent]));
      var list = el('div', { id: 'hall-items' });
      groups(offers).forEach(function (g) {
        list.appendChild(el('h3', { className: 'group', text: g.name + '（' + g.offers.length + '）' }));
        list.appendChild(el('ul', { className: 'items' }, g.offers.map(function (offer) {
          var item = store.catalog.items[offer[0]];
          return el('li', { 'data-code': item.code }, [
            el('a', { href: '#hall=' + code + '&item=' + item.code, text: item.name }),
            el('span', { className: 'role', text: roleText(offer, hall.group) })
          ]);
        })));
      });
      nodes.push(list);
      show(view, nodes);
      searchItems();
    });
  }

  /** A hall's offers grouped by department (catalog order) or by life event (then 其他事项). */
  function groups(offers) {
    var catalog = store.catalog;
    if (state.groupBy === 'department') {
      return catalog.departments.map(function (d) {
        return { name: d.name, offers: offers.filter(function (o) { return catalog.items[o[0]].department === d.key; }) };
      }).filter(function (g) { return g.offers.length > 0; });
    }
    var placed = {};
    var out = catalog.events.map(function (event) {
      var codes = {};
      event.items.forEach(function (c) { codes[c] = true; });
      var list = offers.filter(function (o) { return codes[catalog.items[o[0]].code]; });
      list.forEach(function (o) { placed[o[0]] = true; });
      return { name: event.name, offers: list };
    }).filter(function (g) { return g.offers.length > 0; });
    var rest = offers.filter(function (o) { return !placed[o[0]]; });
    if (rest.length) out.push({ name: '其他事项', offers: rest });
    return out;
  }

  function findOffer(offers, index) {
    for (var i = 0; offers && i < offers.length; i++) if (offers[i][0] === index) return offers[i];
    return null;
  }

  function showGuide(code, hallCode) {
    var item = itemByCode[code];
    var loads = [load('guide', code, 'guides/' + code), hallCode ? hallData(hallCode) : Promise.resolve(null)];
    return Promise.all(loads).then(function (got) {
      var guide = got[0];
      var hall = got[1];
      var offer = hall ? findOffer(hall.offers, item.index) : null;
      var decider = offer && offer[1] === 1 ? hallData(offer[2]) : Promise.resolve(null);
      return decider.then(function (above) {
        var view = $('view');
        var toolbar = el('div', { className: 'toolbar' });
        if (hallCode) toolbar.appendChild(el('a', { className: 'button', href: '#hall=' + hallCode, text: '← 返回大厅事项' }));
        var large = el('button', { type: 'button', id: 'large-toggle', 'aria-pressed': String(state.large), text: '大字版（适老）' });
        large.addEventListener('click', function () {
          state.large = !state.large;
          document.body.classList.toggle('large', state.large);
          large.setAttribute('aria-pressed', String(state.large));
        });
        var print = el('button', { type: 'button', text: '打印' });
        print.addEventListener('click', function () { window.print(); });
        toolbar.appendChild(large);
        toolbar.appendChild(print);
        var title = el('h2', { className: 'title', id: 'guide-title' }, [item.name, el('small', { text: '办事指南' })]);
        var head = el('header', { className: 'doc' }, [el('p', { className: 'catalog', text: store.catalog.name }), title]);
        if (hall) head.appendChild(el('p', { className: 'hall', id: 'guide-hall', text: '适用大厅：' + hallName(hallCode, hall.facts) }));
        var body = el('div', { className: 'guide-body' });
        body.innerHTML = guide.html;
        show(view, [toolbar, el('article', { className: 'guide', 'aria-labelledby': 'guide-title' }, [head, body])]);
        var where = body.querySelector('[data-where]');
        if (where && hall) fillWhere(where, hallCode, hall, offer, above);
        view.focus();
      });
    });
  }

  /** Section 八 for the chosen hall: that hall and, when it accepts for a body above, the deciding body's hall. */
  function fillWhere(where, hallCode, hall, offer, above) {
    clear(where);
    if (!offer) {
      where.appendChild(el('p', { text: hallName(hallCode, hall.facts) + '不办理该事项，请选择其他大厅。' }));
      return;
    }
    var body = hall.group.bodies[offer[3]];
    var rows = [{ code: hallCode, facts: hall.facts, offer: offer, role: offer[1] === 0 ? '受理并决定（' + body[0] + '）' : '受理申请，转报' + body[0] + '决定' }];
    if (above) {
      var upper = findOffer(above.offers, offer[0]);
      rows.push({ code: offer[2], facts: above.facts, offer: upper || [], role: body[0] + '作出决定' });
    }
    var summary = offer[1] === 0
      ? '在本大厅提交申请，由' + body[0] + '受理并作出决定'
      : '在本大厅提交申请，本大厅受理后转报' + (above ? hallName(offer[2], above.facts) + '的' : '') + body[0] + '作出决定';
    where.appendChild(el('p', { text: summary + '。决定机关：' + body[0] + '（统一社会信用代码 ' + body[1] + '）。' }));
    var tbody = el('tbody');
    rows.forEach(function (row) {
      var f = row.facts || {};
      var o = row.offer;
      var muted = function (text) { return el('span', { className: 'muted', text: text }); };
      tbody.appendChild(el('tr', null, [
        el('td', null, [hallName(row.code, row.facts), el('div', { className: 'note', text: row.role })]),
        el('td', null, [
          f.address ? f.address : muted('地址以大厅公布为准'),
          o[4] ? el('div', { className: 'note', text: '窗口：' + o[4] }) : null,
          o[5] ? el('div', { className: 'note', text: '本地承诺时限：' + o[5] }) : null,
          o[6] ? el('div', { className: 'note', text: o[6] }) : null
        ]),
        el('td', null, [f.hours ? f.hours : muted('以大厅公布为准')]),
        el('td', null, [f.phone ? '咨询 ' + f.phone : muted('政务服务热线 12345'), f.complaintPhone ? el('div', { className: 'note', text: '投诉 ' + f.complaintPhone }) : null])
      ]));
    });
    var head = el('thead', null, [el('tr', null, ['服务大厅', '地址和窗口', '办公时间', '电话'].map(function (h) { return el('th', { scope: 'col', text: h }); }))]);
    where.appendChild(el('table', { className: 'halls' }, [head, tbody]));
  }

  /** Lower case, no spaces, Traditional characters to Simplified (the build's table). */
  function normalise(text) {
    var table = store.catalog.traditional;
    var out = '';
    text = text.toLowerCase().replace(/\s+/g, '');
    for (var i = 0; i < text.length; i++) out += table[text[i]] || text[i];
    return out;
  }

  function searchItems() {
    var q = normalise($('item-q').value);
    var results = clear($('item-results'));
    if (!q) { $('item-count').textContent = ''; return; }
    var p = params();
    var hallCode = p.hall && regions[p.hall] ? p.hall : null;
    var group = hallCode ? store.halls[groupOf(hallCode)] : null;
    var offers = group ? group.profiles[group.halls[hallCode]] || [] : null;
    var latin = /^[a-z]+$/.test(q);
    var found = store.catalog.items.filter(function (item) {
      return item.name.indexOf(q) >= 0 || item.code.indexOf(q) >= 0 || (latin && (item.pinyin.indexOf(q) >= 0 || item.initials.indexOf(q) >= 0));
    });
    found.forEach(function (item) {
      var here = offers ? findOffer(offers, item.index) : null;
      var near = offers && !here ? nearestOffering(hallCode, item.index) : null;
      var at = here ? hallCode : near;
      var href = at ? '#hall=' + at + '&item=' + item.code : '#item=' + item.code;
      var sub = deptName[item.department];
      if (offers) sub += here ? '　本大厅可办' : near ? '　本大厅不办理，可到' + hallName(near, (store.halls[groupOf(near)] || { facts: {} }).facts[near]) + '办理' : '　本大厅不办理';
      results.appendChild(el('li', null, [el('a', { href: href, text: item.name }), el('span', { className: 'sub', text: sub })]));
    });
    $('item-count').textContent = '找到 ' + found.length + ' 个事项';
  }

  /** The nearest hall above `code` whose data are loaded and that offers the item. */
  function nearestOffering(code, index) {
    var path = chain(code).reverse().slice(1);
    for (var i = 0; i < path.length; i++) {
      var group = store.halls[groupOf(path[i].code)];
      if (group && findOffer(group.profiles[group.halls[path[i].code]], index)) return path[i].code;
    }
    return null;
  }

  function searchHalls() {
    var q = normalise($('hall-q').value);
    var results = clear($('hall-results'));
    if (!q) return;
    var shown = 0;
    for (var i = 0; i < store.regions.length && shown < 30; i++) {
      var r = store.regions[i];
      if (r[1].indexOf(q) < 0) continue;
      shown++;
      results.appendChild(el('li', null, [el('a', { href: '#hall=' + r[0], text: r[1] }), el('span', { className: 'sub', text: pathText(r[0]) })]));
    }
    if (shown === 0) results.appendChild(el('li', { text: '没有找到名称含“' + $('hall-q').value + '”的大厅' }));
  }

  document.addEventListener('DOMContentLoaded', function () {
    if (!store.catalog || !store.regions) {
      $('welcome').textContent = '数据文件缺失：请用 licat build --only site 重新生成。';
      return;
    }
    init();
  });
})();
