/**
 * What the portal preview's search matches an item name against, computed at build time so that
 * the page ships no pinyin dictionary: the full pinyin without tones or spaces, and the initials.
 * @example await pinyinKeys(['食品经营许可']) // [{ full: 'shipinjingyingxuke', initials: 'spjyxk' }]
 */
export async function pinyinKeys(names: readonly string[]): Promise<Array<{ full: string; initials: string }>> {
  const { pinyin } = await import('pinyin-pro');
  return names.map((name) => ({
    full: pinyin(name, { toneType: 'none', type: 'array', nonZh: 'consecutive' })
      .join('')
      .toLowerCase()
      .replace(/[^a-z0-9]/g, ''),
    initials: pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' })
      .join('')
      .toLowerCase()
      .replace(/[^a-z0-9]/g, ''),
  }));
}

/**
 * A Traditional → Simplified table for the characters of `texts`, so the page can normalise a
 * query typed in Traditional characters (Taiwan or Hong Kong forms) without shipping OpenCC's
 * dictionaries: for every Simplified character of `texts`, its Traditional forms map back to it. Only
 * characters that differ are listed; sorted, so the same texts give the same table.
 * @example await traditionalToSimplified(['食品经营许可']) // { 經: '经', 營: '营', 許: '许' }
 */
export async function traditionalToSimplified(texts: readonly string[], words: readonly string[] = texts): Promise<Record<string, string>> {
  // opencc-js's declarations import './core' without an extension, which NodeNext resolution
  // cannot follow: the one function used is typed here.
  const OpenCC = (await import('opencc-js')) as unknown as { Converter(options: { from: string; to: string }): (text: string) => string };
  const toTaiwan = OpenCC.Converter({ from: 'cn', to: 'tw' });
  const toHongKong = OpenCC.Converter({ from: 'cn', to: 'hk' });
  const chars = new Set<string>();
  for (const text of texts) for (const ch of text) if (/\p{Script=Han}/u.test(ch)) chars.add(ch);
  const table = new Map<string, string>();
  // One call per converter over every character, one a line (a call costs far more than a character).
  const sorted = [...chars].sort();
  const forms = [toTaiwan(sorted.join('\n')).split('\n'), toHongKong(sorted.join('\n')).split('\n')];
  sorted.forEach((ch, i) => {
    for (const list of forms) {
      const form = list[i];
      if (form !== undefined && form !== ch && [...form].length === 1 && !table.has(form)) table.set(form, ch);
    }
  });
  // Words convert differently from single characters (发 → 發 or 髮): convert `words` (the item
  // names; region names are too many to convert one by one) whole as well and pair the
  // characters that changed.
  for (const text of words) {
    for (const converted of [toTaiwan(text), toHongKong(text)]) {
      const a = [...text];
      const b = [...converted];
      if (a.length !== b.length) continue;
      a.forEach((ch, i) => {
        const form = b[i]!;
        if (form !== ch && !table.has(form)) table.set(form, ch);
      });
    }
  }
  return Object.fromEntries([...table].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
}
