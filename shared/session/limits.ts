/**
 * Every bound the readers enforce, in one place. A value past a bound reads as invalid (the
 * entry is dropped or defaulted), so one hostile client cannot make everyone's UI choke.
 */
export const LIMITS = {
  idLength: 64,
  nameLength: 64,
  titleLength: 200,
  columnLength: 256,
  paletteLength: 64,
  annotationTextLength: 4000,
  /** Values of one set filter (category levels). */
  setValues: 10_000,
  clusterIds: 10_000,
  /** Numbers in a selection's flattened ranges (two per range): 1M scattered rows at most. */
  rangeNumbers: 2_000_000,
  pointScaleMax: 100,
  /** Serialized awareness state of one participant, bytes of JSON. */
  awarenessBytes: 4096,
  awarenessRays: 4,
  /** Hands or controllers a headset user shows (left and right). */
  awarenessHands: 2,
  /** Answers shared to the room (`answers`): a question, its answer and what it cites or proposes. */
  questionLength: 500,
  answerTextLength: 4000,
  /** The note saying why the language model was not used: one sentence. */
  answerNoteLength: 500,
  answerFilters: 10,
  answerCitations: 50,
  /** Values of one proposed set filter (fewer than a set filter's: 200 answers may each hold 10). */
  answerSetValues: 1000,
  answers: 200,
  /** Timeline speed multipliers (`playback.speed`). */
  playbackSpeedMin: 0.25,
  playbackSpeedMax: 16,
} as const;

export const SCHEMA_VERSION = 1;
