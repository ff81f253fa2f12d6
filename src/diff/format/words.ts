import type { Lang } from '../../i18n/lang.js';
import type { Duration, Tier } from '../../schema/common.js';
import { durationWords, TIER_WORDS, workingDaysWords } from '../../schema/vocabulary.js';
import type { ElementChange, ItemDiff, ItemStatus } from '../diff-result.js';

type Pair = readonly [zh: string, en: string];

const ELEMENTS: Record<string, Pair> = {
  code: ['基本编码', 'code'],
  name: ['事项名称', 'name'],
  type: ['事项类型', 'type'],
  department: ['主管部门', 'department'],
  levels: ['行使层级', 'levels'],
  acceptedAt: ['就近受理', 'accepted at'],
  serviceObjects: ['服务对象', 'service objects'],
  handlingItems: ['业务办理项', 'handling items'],
  legalBasis: ['设定依据', 'legal basis'],
  conditions: ['受理条件', 'conditions'],
  materials: ['申请材料', 'materials'],
  process: ['办理流程', 'process'],
  timeLimit: ['办理时限', 'time limit'],
  fees: ['收费标准', 'fees'],
  result: ['办理结果', 'result'],
  handling: ['办理方式', 'handling'],
  criteria: ['自由裁量标准', 'discretionary criteria'],
  halls: ['大厅', 'halls'],
};

const FIELDS: Record<string, Pair> = {
  statutory: ['法定时限', 'statutory limit'],
  promised: ['承诺时限', 'promised limit'],
  note: ['说明', 'note'],
  kind: ['办件类型', 'kind'],
  visits: ['到现场次数', 'visits'],
  visitReason: ['到现场原因', 'visit reason'],
  onlineDepth: ['网办深度', 'online depth'],
  mobile: ['移动端', 'mobile'],
  forms: ['办理形式', 'forms'],
  crossRegion: ['通办范围', 'cross-region'],
  type: ['类型', 'type'],
  name: ['名称', 'name'],
  eLicense: ['电子证照', 'e-licence'],
  items: ['本地事项信息', 'local facts'],
  notOffered: ['不提供', 'not offered'],
  order: ['顺序', 'order'],
  special: ['特殊程序', 'special procedure'],
};

const STATUS: Record<ItemStatus, Pair> = {
  added: ['新增', 'added'],
  removed: ['删除', 'removed'],
  renamed: ['更名', 'renamed'],
  changed: ['变更', 'changed'],
  unreadable: ['无法读取', 'unreadable'],
};

/** Words of the diff outputs in one language. */
export function words(lang: Lang) {
  const pick = (p: Pair) => (lang === 'zh' ? p[0] : p[1]);
  const num = (n: number) => n.toLocaleString('en-US');
  return {
    lang,
    pick,
    num,
    element: (e: string) => pick(ELEMENTS[e] ?? [e, e]),
    field: (f: string) => pick(FIELDS[f] ?? ELEMENTS[f] ?? [f, f]),
    status: (s: ItemStatus) => pick(STATUS[s]),
    tier: (tier: Tier) => TIER_WORDS[tier][lang],
    duration: (d: Duration | undefined) => (d ? durationWords(d)[lang] : '—'),
    days: (n: number) => workingDaysWords(n, num(n))[lang],
    items: (n: number) => (lang === 'zh' ? `${num(n)} 个事项` : `${num(n)} item${n === 1 ? '' : 's'}`),
    list: (parts: string[]) => parts.join(lang === 'zh' ? '；' : '; '),
    comma: (parts: string[]) => parts.join(lang === 'zh' ? '，' : ', '),
  };
}

export type Words = ReturnType<typeof words>;

/** A compact account of an item's changes, one phrase per element: `申请材料 −1 +2`, `承诺时限 10→5 个工作日`. */
export function changeSummary(item: ItemDiff, w: Words): Array<{ element: string; unified: boolean; text: string }> {
  const result: Array<{ element: string; unified: boolean; text: string }> = [];
  for (const element of item.elements) {
    const changes = item.changes.filter((c) => c.element === element);
    const label = w.element(element);
    const say = (text: string) => result.push({ element, unified: item.unified.includes(element), text });
    const counts = () => {
      const n = (k: ElementChange['change']) => changes.filter((c) => c.change === k).length;
      const parts = [n('removed') ? `−${n('removed')}` : '', n('added') ? `+${n('added')}` : '', n('changed') ? `~${n('changed')}` : ''];
      return `${label} ${parts.filter(Boolean).join(' ')}`;
    };
    switch (element) {
      case 'timeLimit': {
        const parts = changes.map((c) =>
          c.key === 'promised' || c.key === 'statutory'
            ? `${w.field(c.key)} ${shortDuration(c.from, c.to, w)}→${w.duration(c.to as Duration)}`
            : `${w.field('timeLimit')}${w.lang === 'zh' ? '' : ' '}${w.field(c.key ?? '')}`,
        );
        say(w.comma(parts));
        break;
      }
      case 'name':
        say(`${label} ${String(changes[0]?.from)}→${String(changes[0]?.to)}`);
        break;
      case 'levels':
      case 'acceptedAt': {
        const c = changes[0];
        const tiers = (v: unknown) => (Array.isArray(v) && v.length > 0 ? v.map((x) => w.tier(x as Tier)).join(w.lang === 'zh' ? '、' : ',') : '—');
        say(`${label} ${tiers(c?.from)}→${tiers(c?.to)}`);
        break;
      }
      case 'handling': {
        const parts = changes.map((c) => `${w.field(c.key ?? '')} ${plain(c.from, w)}→${plain(c.to, w)}`);
        const inner = w.comma(parts);
        say(w.lang === 'zh' ? `${label}（${inner}）` : `${label} (${inner})`);
        break;
      }
      case 'halls': {
        const halls = new Set(changes.map((c) => c.key)).size;
        say(w.lang === 'zh' ? `大厅 ${halls} 处` : `${halls} hall${halls === 1 ? '' : 's'}`);
        break;
      }
      case 'materials':
      case 'process':
      case 'fees':
      case 'conditions':
      case 'legalBasis':
      case 'criteria':
      case 'handlingItems':
        say(changes.some((c) => c.key === 'order') && changes.length === 1 ? `${label} ${w.field('order')}` : counts());
        break;
      default:
        say(label);
    }
  }
  return result;
}

/** One line per change, for the details sections. */
export function changeLines(item: ItemDiff, w: Words): string[] {
  const out: string[] = [];
  const mark = { added: '+', removed: '−', changed: '~' } as const;
  for (const c of item.changes) {
    const label = w.element(c.element);
    const what = [c.name, c.key && c.key !== c.name && c.element !== 'timeLimit' && c.element !== 'handling' && c.element !== 'result' ? `(${c.key})` : '']
      .filter(Boolean)
      .join(' ');
    let line = `${mark[c.change]} ${label}`;
    if (c.element === 'timeLimit' || c.element === 'handling' || c.element === 'result') {
      line += `：${w.field(c.key ?? '')} ${plain(c.from, w)} → ${plain(c.to, w)}`;
      if (c.element === 'timeLimit' && (c.key === 'promised' || c.key === 'statutory')) {
        const f = c.key === 'promised' ? item.figures.promised : item.figures.statutory;
        if (f && (f.cut > 0 || f.added > 0)) {
          const d = f.cut > 0 ? f.cut : f.added;
          const verb = w.lang === 'zh' ? (f.cut > 0 ? '压减' : '增加') : f.cut > 0 ? 'cut' : 'added';
          const bound = f.exact ? '' : w.lang === 'zh' ? '至少' : 'at least ';
          line += w.lang === 'zh' ? `（${verb}${bound} ${w.days(d)}）` : ` (${bound}${w.days(d)} ${verb})`;
        }
      }
    } else if (c.element === 'name') {
      line += `：${plain(c.from, w)} → ${plain(c.to, w)}`;
    } else if (c.element === 'halls') {
      const field = c.fields?.[0] ?? '';
      const reason = field === 'notOffered' && c.change !== 'removed' ? plain(c.to, w) : '';
      line +=
        w.lang === 'zh'
          ? `：${c.key} ${c.name ?? ''}，${w.field(field)}${reason ? `（${reason}）` : ''}`
          : `：${c.key} ${c.name ?? ''}, ${w.field(field)}${reason ? ` (${reason})` : ''}`;
    } else if (c.change === 'changed' && c.fields && c.fields.length > 0) {
      line += `：${what}${what ? ' ' : ''}[${c.fields.map((f) => w.field(f)).join(', ')}]`;
    } else if (what) {
      line += `：${what}`;
    } else if (c.from !== undefined || c.to !== undefined) {
      line += `：${plain(c.from, w)} → ${plain(c.to, w)}`;
    }
    if (c.unified) line += w.lang === 'zh' ? ' ★统一要素' : ' ★unified';
    out.push(w.lang === 'en' ? line.replace('：', ': ') : line);
  }
  const clauses = item.figures.clauses;
  const clause = (kind: 'vague' | 'catchAll', dir: 'removed' | 'introduced') => {
    for (const c of clauses[kind][dir]) {
      const zhKind = kind === 'vague' ? '模糊条款' : '兜底条款';
      const enKind = kind === 'vague' ? 'vague clause' : 'catch-all clause';
      out.push(
        w.lang === 'zh'
          ? `${dir === 'removed' ? '✓' : '!'} ${zhKind}${dir === 'removed' ? '已去除' : '新增'}：「${c.text}」（${c.term === c.text ? '' : `${c.term}，`}${c.path}）`
          : `${dir === 'removed' ? '✓' : '!'} ${enKind} ${dir === 'removed' ? 'gone' : 'introduced'}: "${c.text}" (${c.term === c.text ? '' : `${c.term}, `}${c.path})`,
      );
    }
  };
  clause('catchAll', 'removed');
  clause('vague', 'removed');
  clause('catchAll', 'introduced');
  clause('vague', 'introduced');
  return out;
}

/** The first of two limits: just its number when the second has the same unit (`10→5 个工作日`). */
function shortDuration(v: unknown, next: unknown, w: Words): string {
  const d = v as Duration | undefined;
  if (!d) return '—';
  return d.unit !== 'instant' && d.unit === (next as Duration | undefined)?.unit ? String(d.value) : w.duration(d);
}

/** A value as short readable text. */
export function plain(v: unknown, w: Words): string {
  if (v === undefined || v === null) return '—';
  if (typeof v === 'boolean') return w.lang === 'zh' ? (v ? '是' : '否') : v ? 'yes' : 'no';
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  if (Array.isArray(v)) return `[${v.map((x) => plain(x, w)).join(', ')}]`;
  const o = v as Record<string, unknown>;
  if (typeof o.value === 'number' && typeof o.unit === 'string') return w.duration(o as unknown as Duration);
  return JSON.stringify(v);
}
