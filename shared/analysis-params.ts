import { z } from 'zod';

/**
 * What a user asks of an analysis: the body of POST /api/datasets/:id/analyses, the start page's
 * form and the CLI flags all produce this, validated by the same schema. Defaults live here and
 * nowhere else, so the same request always means the same analysis (and hits the same cache key).
 */
export const reductionSchema = z
  .object({
    method: z.enum(['umap', 'tsne', 'pca']).default('umap'),
    nNeighbors: z.number().int().min(2).max(200).optional(),
    minDist: z.number().min(0).max(1).optional(),
    perplexity: z.number().min(2).max(100).optional(),
    nEpochs: z.number().int().min(10).max(2000).optional(),
  })
  .strict();

export const clusteringSchema = z
  .object({
    method: z.enum(['kmeans', 'dbscan', 'hdbscan']).default('kmeans'),
    k: z.union([z.number().int().min(2).max(100), z.literal('auto')]).default('auto'),
    eps: z.union([z.number().positive(), z.literal('auto')]).default('auto'),
    minPts: z.number().int().min(2).max(1000).optional(),
    minClusterSize: z.number().int().min(2).max(100_000).optional(),
    /** Cluster the 3D layout (what users see) or the scaled features (what the data says). */
    space: z.enum(['embedding', 'features']).optional(),
  })
  .strict();

export const anomalySchema = z
  .object({
    method: z.enum(['isolation-forest', 'zscore', 'density']).default('isolation-forest'),
    contamination: z.number().min(0).max(0.5).default(0.02),
  })
  .strict();

export const columnOverrideSchema = z
  .object({ type: z.enum(['number', 'category', 'boolean', 'datetime', 'text']).optional(), exclude: z.boolean().optional() })
  .strict();

/** The most text columns one analysis turns into word features, and the widest each may become. */
export const TEXT_LIMITS = { columns: 5, dimensions: 100 } as const;

/**
 * Free-text columns turned into features (docs/analysis.md, "Free text as features"): each
 * becomes `dimensions` numbers (TF-IDF reduced by truncated SVD), weighed like a category.
 */
export const textFeaturesSchema = z
  .object({
    columns: z.array(z.string().min(1)).min(1).max(TEXT_LIMITS.columns),
    dimensions: z.number().int().min(2).max(TEXT_LIMITS.dimensions).default(20),
  })
  .strict();

export const analysisParamsSchema = z
  .object({
    /** Columns used as features; default: every non-identifier number, category, boolean and datetime column. */
    features: z.array(z.string().min(1)).min(1).optional(),
    missing: z.enum(['drop', 'impute']).default('drop'),
    normalization: z.enum(['zscore', 'minmax']).default('zscore'),
    reduction: reductionSchema.default({ method: 'umap' }),
    clustering: clusteringSchema.default({ method: 'kmeans', k: 'auto', eps: 'auto' }),
    anomalies: anomalySchema.default({ method: 'isolation-forest', contamination: 0.02 }),
    /** Per-column type changes or exclusions chosen on the start page. */
    columns: z.record(z.string(), columnOverrideSchema).optional(),
    /** Free-text columns turned into word features; none by default (text is left out). */
    text: textFeaturesSchema.optional(),
    seed: z.number().int().min(0).max(2 ** 31 - 1).default(42),
  })
  .strict();

export type AnalysisParamsInput = z.input<typeof analysisParamsSchema>;
export type AnalysisParams = z.output<typeof analysisParamsSchema>;
export type ReductionMethod = AnalysisParams['reduction']['method'];
export type ClusteringMethod = AnalysisParams['clustering']['method'];
export type AnomalyMethod = AnalysisParams['anomalies']['method'];

/** Where clustering runs when the user did not say: density methods on the layout, k-means on the data (then checked, see below). */
export function clusteringSpace(params: AnalysisParams): 'embedding' | 'features' {
  return params.clustering.space ?? (params.clustering.method === 'kmeans' ? 'features' : 'embedding');
}

/**
 * k-means on the features with no space given is checked against the layout: when fewer than
 * this share of each point's 10 nearest layout neighbours (on average) share its cluster, the
 * colours cut across the islands people see, and k-means runs on the layout instead. 0.95: the
 * feature clusters of the tables measured (docs/analysis.md) agree 0.96–1.0 where they match
 * the islands, 0.88 on the digits, whose islands they speckle.
 */
export const LAYOUT_AGREEMENT_MIN = 0.95;

/** Whether the default k-means is checked against the layout (a neighbour-graph layout: UMAP or t-SNE, not a PCA projection). */
export function checksLayoutAgreement(params: AnalysisParams, layoutMethod: ReductionMethod): boolean {
  return params.clustering.method === 'kmeans' && params.clustering.space === undefined && layoutMethod !== 'pca';
}
