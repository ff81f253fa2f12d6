import type { Item } from '../schema/item.js';
import { clauseTexts } from '../validate/clause-texts.js';
import { findTerms, overlaps, termList, type TermList } from '../validate/terms.js';
import type { ClauseChanges, FlaggedClause } from './diff-result.js';

/** The term lists the catch-all-clause and vague-clause rules use (data/terms/*.yaml). */
export interface ClauseTerms {
  catchAll: TermList;
  vague: TermList;
  criteriaVague: TermList;
}

/** licat's own term lists, as the validate rules read them. */
export function defaultClauseTerms(): ClauseTerms {
  return { catchAll: termList('catch-all'), vague: termList('vague'), criteriaVague: termList('criteria-vague') };
}

/**
 * The clauses of an item that the catch-all-clause and vague-clause rules flag, read the way
 * those rules read them: the same texts (clauseTexts), the same matcher (findTerms), and a vague
 * phrase inside a catch-all phrase (or, in a criterion's outcome or rule, a vague criterion) is
 * not counted twice. A clause is one text; it counts once however many phrases it holds.
 */
export function flaggedClauses(item: Item | undefined, terms: ClauseTerms): { catchAll: FlaggedClause[]; vague: FlaggedClause[] } {
  const out = { catchAll: [] as FlaggedClause[], vague: [] as FlaggedClause[] };
  if (!item) return out;
  for (const clause of clauseTexts(item)) {
    const catchAll = findTerms(clause.text, terms.catchAll);
    if (catchAll[0]) out.catchAll.push({ path: clause.path, text: clause.text, term: catchAll[0].phrase });
    const taken = clause.decision ? [...catchAll, ...findTerms(clause.text, terms.criteriaVague)] : catchAll;
    const vague = findTerms(clause.text, terms.vague).find((m) => !taken.some((other) => overlaps(m, other)));
    if (vague) out.vague.push({ path: clause.path, text: clause.text, term: vague.phrase });
  }
  return out;
}

/**
 * Flagged clauses removed and introduced between two versions of an item. A clause is its text:
 * one flagged on the base side whose text no flagged clause of the head has is removed (made
 * precise or deleted); the reverse is introduced. A flagged clause reworded but still flagged
 * counts once each way, and both texts are listed for the reviewer. Pure.
 */
export function compareClauses(base: Item | undefined, head: Item | undefined, terms: ClauseTerms): { vague: ClauseChanges; catchAll: ClauseChanges } {
  const b = flaggedClauses(base, terms);
  const h = flaggedClauses(head, terms);
  return { vague: difference(b.vague, h.vague), catchAll: difference(b.catchAll, h.catchAll) };
}

function difference(base: FlaggedClause[], head: FlaggedClause[]): ClauseChanges {
  return { removed: minus(base, head), introduced: minus(head, base) };
}

function minus(a: FlaggedClause[], b: FlaggedClause[]): FlaggedClause[] {
  const counts = new Map<string, number>();
  for (const c of b) counts.set(c.text, (counts.get(c.text) ?? 0) + 1);
  const out: FlaggedClause[] = [];
  for (const c of a) {
    const n = counts.get(c.text) ?? 0;
    if (n > 0) counts.set(c.text, n - 1);
    else out.push(c);
  }
  return out;
}
