import type { Access } from '../auth/access.ts';
import type { Guards } from '../auth/guards.ts';
import type { ServerConfig } from '../config.ts';
import type { AnalysisRunner } from '../jobs/analysis-runner.ts';
import type { AnalysisCatalog } from '../store/analysis-catalog.ts';
import type { DatasetCatalog } from '../store/dataset-catalog.ts';
import type { SessionStore } from '../store/session-store.ts';
import type { DatasetImporter } from '../services/import-dataset.ts';
import type { ReportService } from '../services/report-service.ts';
import type { SessionService } from '../services/session-service.ts';
import type { CompareService } from '../services/compare-service.ts';
import type { QualityService } from '../services/quality-service.ts';

/** Everything the routes call; built once in server/main.ts (and by test factories). */
export interface ApiDeps {
  config: ServerConfig;
  datasets: DatasetCatalog;
  analyses: AnalysisCatalog;
  sessions: SessionStore;
  jobs: AnalysisRunner;
  importer: DatasetImporter;
  sessionService: SessionService;
  /** Quality reports and rules of datasets. */
  quality: QualityService;
  /** Drift between datasets and the comparison datasets that embed two together. */
  compare: CompareService;
  /** Gathers a session's findings report (GET /api/sessions/:id/report). */
  reports: ReportService;
  /** Who a request is; Host, origin and guess checks (server/auth). */
  access: Access;
  /** Per-route authorisation (server/auth/guards.ts). */
  guards: Guards;
  /**
   * The ports the listeners actually have (PORT and HTTPS_PORT may be 0 = any free one): filled in
   * once they listen, before any request arrives. https is null when HTTPS_PORT=off.
   */
  listening: { http: number; https: number | null };
}
