import { findConditions } from './find-conditions.ts';
import { findMentions, isHintWord } from './find-mentions.ts';
import type { Intent, ParsedQuestion, Statistic } from './parsed-question.ts';
import { COMMON_WORDS, STOP_WORDS, tokenize, type Token } from './tokenize.ts';
import { unitOfWord } from './units.ts';
import type { Vocabulary } from './vocabulary.ts';

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];
const STATISTICS = new Map<string, Statistic>();
const stat = (words: string, s: Statistic) => words.split(' ').forEach((w) => STATISTICS.set(w, s));
stat('average mean avg', 'mean');
stat('median typical middle', 'median');
stat('range spread', 'range');
stat('minimum min lowest smallest least shortest lightest coldest earliest slowest narrowest shallowest youngest cheapest driest', 'min');
stat('maximum max highest largest biggest greatest longest heaviest hottest warmest latest windiest wettest rainiest fastest tallest widest deepest oldest priciest', 'max');
stat('total sum', 'sum');
stat('deviation std sd stdev variance variability', 'sd');
const UNUSUAL = /^(unusual|anomal|outlier|odd|strange|weird|extreme|abnormal|atypical|suspicious|surprising|rare)/;
/** "Describe the data", "give me an overview", "summarize this dataset". */
const OVERVIEW = ['describe', 'summary', 'summarise', 'summarize', 'overview', 'summarising', 'summarizing'];
const COMPARE = new Set(['difference', 'differ', 'different', 'compare', 'comparison', 'versus', 'vs', 'contrast']);

/**
 * Reads a question against a dataset's vocabulary (pure; docs/analysis.md, "Ask"): which columns
 * and values it names, its comparisons, missing values, cluster numbers and statistic, and
 * what it asks for.
 */
export function parseQuestion(question: string, vocabulary: Vocabulary): ParsedQuestion {
  const tokens = tokenize(question);
  const { clusters, used: clusterTokens } = findClusters(tokens);
  const mentions = findMentions(tokens, vocabulary);
  // Numbers inside a named value ("level 7") compare nothing.
  const read = new Set(clusterTokens);
  for (const v of mentions.values) for (let i = v.start; i < v.end; i++) read.add(i);
  const found = findConditions(tokens, mentions, vocabulary, read);
  const used = new Set([...clusterTokens, ...mentions.used, ...found.used]);
  for (const v of mentions.values) for (let i = v.start; i < v.end; i++) used.add(i);

  const free = tokens.map((t, i) => ({ t, i })).filter(({ i }) => !used.has(i));
  const words = new Set(tokens.filter((t) => t.kind === 'word').map((t) => t.plain));
  // A superlative read into a column ("windiest" → wind) still asks for the statistic; a column's own word ("max" of temp_max) does not.
  const inMention = (i: number) => {
    const m = mentions.columns.find((c) => c.start <= i && i < c.end);
    return m !== undefined && !m.columns.some((name) => vocabulary.columns.find((c) => c.name === name)?.words.includes(tokens[i].text));
  };
  const statistic = tokens.map((t, i) => (!used.has(i) || (mentions.used.has(i) && inMention(i)) ? STATISTICS.get(t.plain) : undefined)).find((s) => s !== undefined) ?? null;
  const unusual = tokens.some((t) => t.kind === 'word' && UNUSUAL.test(t.plain));
  const counting = (words.has('how') && (words.has('many') || words.has('much'))) || words.has('count') || (words.has('number') && words.has('of'));
  const compare = tokens.some((t) => COMPARE.has(t.plain));

  const columns = [...new Set([...mentions.columns.filter((m) => m.columns.length === 1).map((m) => m.columns[0]), ...found.conditions.map((c) => c.column)])];
  const ambiguous = mentions.columns.filter((m) => m.columns.length > 1).map((m) => ({ said: m.said, columns: m.columns }));
  // A statistic of a name that fits several columns ("highest temperature": temp_max, temp_min) is given for each.
  if (statistic && columns.length === 0 && ambiguous.length > 0) columns.push(...ambiguous[0].columns.slice(0, 3));
  const intent: Intent =
    unusual ? (columns.length > 0 ? 'unusual' : 'anomalies')
    : clusters.length >= 2 || (clusters.length === 1 && compare && words.has('rest')) ? (clusters.length >= 2 ? 'compare' : 'explain-cluster')
    : clusters.length === 1 ? 'explain-cluster'
    : counting ? 'count'
    : statistic && columns.length > 0 ? 'describe'
    : found.conditions.length > 0 ? 'filter'
    : columns.length > 0 ? 'describe'
    : OVERVIEW.some((w) => words.has(w)) ? 'overview'
    : 'search';
  const unknown = free
    .filter(({ t }) => t.kind === 'word' && t.plain.length >= 3 && !STOP_WORDS.has(t.text) && !COMMON_WORDS.has(t.text) && !COMMON_WORDS.has(t.plain) && !isHintWord(t.plain))
    .filter(({ t }) => !STATISTICS.has(t.plain) && !UNUSUAL.test(t.plain) && !COMPARE.has(t.plain) && !unitOfWord(t.text))
    .map(({ t }) => t.raw);
  return { intent, columns, conditions: found.conditions, clusters, statistic, unknown, ambiguous, assumedUnits: found.assumedUnits };
}

/** "cluster 3", "clusters 1 and 2", "cluster 1 vs cluster 2", "C3", "the third cluster". */
function findClusters(tokens: Token[]): { clusters: number[]; used: Set<number> } {
  const clusters: number[] = [];
  const used = new Set<number>();
  tokens.forEach((t, i) => {
    const short = /^c(\d{1,3})$/i.exec(t.raw);
    if (short) {
      clusters.push(Number(short[1]));
      used.add(i);
      return;
    }
    if (t.kind !== 'word') return;
    if ((t.text === 'cluster' || t.text === 'group') && i > 0 && ORDINALS.includes(tokens[i - 1].plain)) {
      clusters.push(ORDINALS.indexOf(tokens[i - 1].plain) + 1);
      used.add(i - 1).add(i);
      return;
    }
    if (t.text !== 'cluster') return;
    used.add(i);
    let k = i + 1;
    while (k < tokens.length && tokens[k].kind === 'number' && Number.isInteger(tokens[k].value!) && tokens[k].value! >= 0) {
      clusters.push(tokens[k].value!);
      used.add(k);
      // "clusters 1 and 2", "1, 2 or 3", "1 vs 2"
      if (k + 2 < tokens.length && ['and', 'or', 'vs', 'versus', 'with', 'to'].includes(tokens[k + 1].plain) && tokens[k + 2].kind === 'number') {
        used.add(k + 1);
        k += 2;
      } else if (k + 1 < tokens.length && tokens[k + 1].kind === 'number') k += 1;
      else break;
    }
  });
  return { clusters: [...new Set(clusters)], used };
}
