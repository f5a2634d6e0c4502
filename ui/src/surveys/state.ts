/**
 * The surveys area's one door to core: reading surveys and their charts, importing a wave
 * (choose, preview, import with progress, stop), turning free-text answers into
 * observations, and saving a chart. Components call these, not `backend`.
 */
import {
  backend,
  type ChartFormat,
  type ChosenFile,
  type ImportProgress,
  type Split,
  type SurveyMapping,
  type TextAnswer,
  type WaveImport,
} from '../ipc/client';

export const listSurveys = () => backend.listSurveys();

/** A survey's charts, question by question across its waves, split by team or segment. */
export const surveyCharts = (surveyId: string, split: Split) => backend.surveyCharts(surveyId, split);

/** The free-text answers to one question, in every wave. */
export const textAnswers = (surveyId: string, question: number) => backend.surveyTextAnswers(surveyId, question, null);

/** Makes quotes (observations in their waves' sessions) of free-text answers. */
export const answersToQuotes = (answers: TextAnswer[]) =>
  backend.answersToObservations(
    answers.map((a) => ({ waveId: a.waveId, row: a.row, question: a.question })),
    'quote',
  );

/** Has the person pick a survey export; null when they cancelled. */
export const chooseSurveyFile = (): Promise<ChosenFile | null> => backend.chooseSurveyFile();

/** What importing `file` would do, with its columns read as `mapping` (guessed when null). */
export const previewWave = (file: ChosenFile, survey: string | null, mapping: SurveyMapping | null) =>
  backend.previewSurveyImport(file.fileName, file.content, survey, mapping);

/** Imports a wave, reporting progress; `stopImport` stops it with nothing written. */
export const importWave = (file: ChosenFile, wave: WaveImport, onprogress: (p: ImportProgress) => void) =>
  backend.importSurvey(file.fileName, file.content, wave, onprogress);

export const stopImport = () => backend.cancelSurveyImport();

/** Has the shell save a chart's bytes (base64) where the person chooses; null when they cancelled. */
export const saveChart = (fileName: string, format: ChartFormat, base64: string) => backend.saveChart(fileName, format, base64);
