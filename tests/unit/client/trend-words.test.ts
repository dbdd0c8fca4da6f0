import { describe, expect, it } from 'vitest';
import { errorDetails, errorSentence, methodSentence, periodLabel } from '../../../client/panels/trend-words.ts';
import type { TrendForecast } from '../../../shared/insights/trends.ts';

const seasonal: TrendForecast = {
  method: 'seasonal-naive',
  parameters: { season: 12 },
  values: [1, 2, 3],
  heldOut: { periods: 6, mae: 3.5, mape: null, smape: 20.7 },
  candidates: [
    { method: 'holt', mae: 11.44, smape: 134.4 },
    { method: 'seasonal-naive', mae: 3.5, smape: 20.7 },
    { method: 'last-value', mae: 9.33, smape: 95.5 },
  ],
};

describe('trend words', () => {
  it('says the held-out error as the panel shows it', () => {
    expect(errorSentence(seasonal, 'month', null)).toBe('forecast error on the last 6 months: ±21% (off by 3.5 rows on average)');
    expect(errorSentence({ ...seasonal, heldOut: { ...seasonal.heldOut, periods: 1, mae: 1.594 } }, 'quarter', 'temp_max')).toBe('forecast error on the last quarter: ±21% (off by 1.59 on average)');
  });

  it('names methods, periods and every figure', () => {
    expect(methodSentence(seasonal, 'month')).toBe('repeats the same month one season (12 months) back');
    expect(methodSentence({ ...seasonal, method: 'holt', parameters: { alpha: 0.4, beta: 0.35 } }, 'week')).toBe("Holt's linear trend (α 0.4, β 0.35)");
    expect(periodLabel('2014-04-01T00:00:00.000Z', 'quarter')).toBe('Q2 2014');
    expect(periodLabel('2014-03-01T00:00:00.000Z', 'month')).toBe('Mar 2014');
    expect(periodLabel('2014-03-03T00:00:00.000Z', 'week')).toBe('2014-03-03');
    expect(errorDetails(seasonal)).toBe(
      'On the 6 held-out periods: MAE 3.5, MAPE n/a (an actual value is 0), sMAPE 21%. Tried: Holt: MAE 11.44, sMAPE 134%; seasonal naive: MAE 3.5, sMAPE 21%; last value: MAE 9.33, sMAPE 96%.',
    );
  });
});
