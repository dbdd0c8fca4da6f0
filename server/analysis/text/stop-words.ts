/**
 * English function words that say nothing about what a text is about (the common core of the
 * usual stop lists: articles, pronouns, auxiliaries, prepositions, conjunctions).
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against all am an and any are as at be because been before being below between both but by
can could did do does doing don't down during each few for from further had has have having he her here hers herself him
himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our
ours ourselves out over own same she should so some such than that the their theirs them themselves then there these they
this those through to too under until up very was we were what when where which while who whom why will with would you
your yours yourself yourselves also may might must shall via etc per it's i'm you're we're they're isn't aren't wasn't
weren't doesn't didn't won't can't cannot`
    .split(/\s+/)
    .filter((w) => w.length > 0),
);
