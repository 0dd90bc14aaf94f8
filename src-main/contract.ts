/**
 * The studio's ONE contract: every method and event between the artist's window and the
 * studio service, for both transports (Electron IPC and loopback HTTP/WebSocket). Inputs are
 * zod schemas, checked at the transport boundary; outputs and events are plain data types.
 * The renderer imports this file and nothing else from src-main.
 */
import { z } from 'zod';
import type { A1111Infotext, BranchRoles, EngineErrorCode, EngineEvent, GenerateResult, ModelInfo, TrainResult } from './engine';
import type { Adapter, Dataset, DatasetItem, Generation, Model, Project, RouterStudy, RunCheckpoint, RunMetric, RunSample, TagCount, TrainingRun } from './storage';
import type { ItemFlags } from './studio/datasets';

// The types the pages show, re-exported so the renderer imports this file and nothing else from src-main.
export type { A1111Infotext, BranchRoles, EngineEvent, InlineImage } from './engine';
export type { Adapter, DatasetItem, Generation, GenerationAdapter, Model, Project, RunCheckpoint, RunMetric, RunSample, TagCount, TrainingRun } from './storage';
export type { ItemFlags } from './studio/datasets';

// ---------------------------------------------------------------------------------------------
// Shapes shared by several methods

const id = z.number().int().positive();
const text = z.string().max(20_000);
const path = z.string().trim().min(1, 'must not be empty').max(4096);
const name = z.string().trim().min(1, 'must not be empty').max(200);

const blockWeights = z.object({ input: z.number().finite().optional(), middle: z.number().finite().optional(), output: z.number().finite().optional() }).strict();
const stepRange = z
  .object({ start: z.number().min(0).max(1), end: z.number().min(0).max(1) })
  .strict()
  .refine((r) => r.start < r.end, { message: 'start must be before end', path: ['start'] });

/** One adapter in the mixer: one of the project's adapters, or a LoRA from the model library. */
const adapterInMix = z
  .object({
    adapterId: id.optional(),
    modelId: id.optional(),
    weight: z.number().finite().min(-4).max(4),
    blockWeights: blockWeights.optional(),
    steps: stepRange.optional(),
  })
  .strict()
  .refine((a) => (a.adapterId === undefined) !== (a.modelId === undefined), { message: 'give adapterId or modelId', path: ['adapterId'] });

const generationSettings = z
  .object({
    projectId: id,
    modelId: id,
    prompt: text,
    negativePrompt: text.default(''),
    steps: z.number().int().min(1).max(150).default(20),
    cfgScale: z.number().min(0).max(30).default(7.5),
    /** Absent: a random seed, reported back. */
    seed: z.number().int().min(0).max(2 ** 32 - 1).optional(),
    width: z.number().int().min(64).max(2048).multipleOf(8).default(512),
    height: z.number().int().min(64).max(2048).multipleOf(8).default(512),
    sampler: z.enum(['ddim', 'euler', 'euler_a', 'dpmpp_2m', 'dpmpp_2m_karras', 'pndm', 'ddpm']).default('euler_a'),
    batch: z.number().int().min(1).max(8).default(1),
    clipSkip: z.number().int().min(1).max(4).default(1),
    adapters: z.array(adapterInMix).max(16).default([]),
    traceRouter: z.boolean().default(false),
  })
  .strict();

/** The settings a training run takes from the Train page; the rest of run.json comes from the project, dataset and model. */
const trainingSettings = z
  .object({
    task: z.enum(['finetune', 'dreambooth', 'distill']).default('finetune'),
    adapter: z
      .object({
        method: z.enum(['lora', 'styleinject']).optional(),
        rank: z.number().int().min(1).max(1024).optional(),
        alpha: z.number().positive().optional(),
        k: z.number().int().min(1).max(64).optional(),
        dma: z.boolean().optional(),
        sta: z.boolean().optional(),
        targets: z.array(z.string().min(1)).min(1).optional(),
      })
      .strict()
      .default({}),
    resolution: z.number().int().min(8).max(2048).multipleOf(8).default(512),
    maxSteps: z.number().int().min(1).max(1_000_000).default(1000),
    lr: z.number().positive().max(1).default(1e-4),
    batchSize: z.number().int().min(1).max(64).default(1),
    gradientAccumulation: z.number().int().min(1).max(64).default(1),
    schedule: z.enum(['constant', 'cosine']).default('constant'),
    warmupSteps: z.number().int().min(0).default(0),
    seed: z.number().int().min(0).max(2 ** 32 - 1).default(42),
    checkpointEvery: z.number().int().min(1).default(100),
    sampleEvery: z.number().int().min(0).default(0),
    samplePrompts: z.array(text).max(16).default([]),
    triggerWord: z.string().max(200).default(''),
    captionDropout: z.number().min(0).max(1).default(0),
    flip: z.boolean().default(false),
    dreambooth: z
      .object({ instancePrompt: text, classPrompt: text, priorImages: z.number().int().min(0).max(10_000).default(100), priorWeight: z.number().min(0).default(1) })
      .strict()
      .optional(),
    distill: z
      .object({ teacherModelId: id, pairedPrompts: z.string().max(1_000_000).optional(), promptsOnly: z.boolean().default(false) })
      .strict()
      .optional(),
  })
  .strict();

const nonEmpty = z.string().min(1, 'must not be empty');

/** One caption edit, applied to one caption or to many at once (studio/datasets/caption-edits.ts applies it). */
export const captionEditSchema = z.discriminatedUnion('kind', [
  /** Puts the trigger word first, unless the caption already has it as a tag. */
  z.object({ kind: z.literal('addTrigger'), word: nonEmpty }).strict(),
  /** Plain-text find and replace (every occurrence, case-sensitive). */
  z.object({ kind: z.literal('replace'), find: nonEmpty, replace: z.string() }).strict(),
  z.object({ kind: z.literal('prefix'), text: nonEmpty }).strict(),
  z.object({ kind: z.literal('suffix'), text: nonEmpty }).strict(),
  /** Drops a tag (a comma-separated part) wherever it appears. */
  z.object({ kind: z.literal('removeTag'), tag: nonEmpty }).strict(),
]);
export type CaptionEditAction = z.infer<typeof captionEditSchema>;

const method = <I extends z.ZodType>(input: I) => ({ returns: <O>() => ({ input, output: undefined as unknown as O }) });
const none = z.object({}).strict();

// ---------------------------------------------------------------------------------------------
// Methods

export const methods = {
  'app.info': method(none).returns<AppInfo>(),
  /** A copy of the database taken while the studio runs (SQLite's online backup). */
  'app.backup': method(z.object({ to: path }).strict()).returns<{ path: string }>(),

  'projects.list': method(none).returns<Project[]>(),
  'projects.create': method(z.object({ name, description: text.optional() }).strict()).returns<Project>(),
  'projects.rename': method(z.object({ projectId: id, name }).strict()).returns<Project>(),
  /** Removes the project and its folder: `confirm` must be true. */
  'projects.delete': method(z.object({ projectId: id, confirm: z.literal(true, 'deleting a project removes its files: confirm it') }).strict()).returns<{ deleted: true }>(),

  'models.list': method(none).returns<ModelView[]>(),
  /** Reads a file's or folder's headers and says what it is, without adding it. */
  'models.inspect': method(z.object({ path }).strict()).returns<ModelView['detected']>(),
  'models.addPath': method(z.object({ path, copy: z.boolean().default(false), name: name.optional() }).strict()).returns<ModelView>(),
  /** Starts a download (resumable, verified); follow it with job events, stop it with jobs.cancel. */
  'models.addUrl': method(z.object({ url: z.url(), sha256: z.string().regex(/^[0-9a-fA-F]{64}$/).optional(), name: name.optional() }).strict()).returns<JobStarted>(),
  'models.setTokenizer': method(z.object({ modelId: id, tokenizerId: id.nullable() }).strict()).returns<ModelView>(),
  'models.remove': method(z.object({ modelId: id }).strict()).returns<{ removed: true }>(),

  'datasets.list': method(z.object({ projectId: id }).strict()).returns<DatasetView[]>(),
  'datasets.create': method(z.object({ projectId: id, name, storage: z.enum(['copy', 'reference']).default('copy'), minEdge: z.number().int().min(8).max(16384).optional() }).strict()).returns<DatasetView>(),
  'datasets.update': method(z.object({ datasetId: id, name: name.optional(), minEdge: z.number().int().min(8).max(16384).optional(), nearDuplicateDistance: z.number().int().min(0).max(64).optional() }).strict()).returns<DatasetView>(),
  'datasets.delete': method(z.object({ datasetId: id, confirm: z.literal(true, 'deleting a dataset removes its copied images: confirm it') }).strict()).returns<{ deleted: true }>(),
  /** Imports files and folders (recursively; kohya N_name folders and .txt captions kept). A job: progress and skipped files come as events. */
  'datasets.importPaths': method(z.object({ datasetId: id, paths: z.array(path).min(1).max(10_000) }).strict()).returns<JobStarted>(),
  /** Imports one file's bytes (the browser's file picker and drag-and-drop, which give no paths). */
  'datasets.importUpload': method(z.object({ datasetId: id, fileName: name, dataBase64: z.string().min(1).max(70_000_000), caption: text.optional() }).strict()).returns<ImportSummary>(),
  'datasets.items': method(z.object({ datasetId: id }).strict()).returns<DatasetItemView[]>(),
  'datasets.setCaption': method(z.object({ itemId: id, caption: text }).strict()).returns<DatasetItemView>(),
  'datasets.editCaptions': method(
    z
      .object({
        datasetId: id,
        /** Absent: every item of the dataset. */
        itemIds: z.array(id).optional(),
        edit: captionEditSchema,
      })
      .strict(),
  ).returns<{ changed: number }>(),
  'datasets.setExcluded': method(z.object({ itemIds: z.array(id).min(1), excluded: z.boolean() }).strict()).returns<{ changed: number }>(),
  'datasets.setFocus': method(z.object({ itemId: id, focus: z.object({ x: z.number().min(0).max(1), y: z.number().min(0).max(1) }).strict().nullable() }).strict()).returns<DatasetItemView>(),
  'datasets.tags': method(z.object({ datasetId: id }).strict()).returns<TagCount[]>(),
  'datasets.exportKohya': method(z.object({ datasetId: id, folder: path }).strict()).returns<{ folder: string; images: number }>(),

  'runs.list': method(z.object({ projectId: id }).strict()).returns<TrainingRun[]>(),
  /** Everything the monitor shows: the run, its metrics, checkpoints and samples (rebuilt after a restart from what was recorded). */
  'runs.get': method(z.object({ runId: id }).strict()).returns<RunDetail>(),
  'runs.start': method(z.object({ projectId: id, datasetId: id.optional(), modelId: id, name: name.optional(), settings: trainingSettings }).strict()).returns<TrainingRun>(),
  'runs.cancel': method(z.object({ runId: id }).strict()).returns<TrainingRun>(),
  /** Continues a cancelled or failed run from its last checkpoint. */
  'runs.resume': method(z.object({ runId: id }).strict()).returns<TrainingRun>(),
  /** Makes a checkpoint's adapter one of the project's adapters (early stopping, as the paper does). */
  'runs.useCheckpoint': method(z.object({ runId: id, step: z.number().int().min(1) }).strict()).returns<Adapter>(),

  'adapters.list': method(z.object({ projectId: id }).strict()).returns<AdapterView[]>(),
  /** Adds an adapter file (ours or a community LoRA) to the project. */
  'adapters.import': method(z.object({ projectId: id, path, name: name.optional() }).strict()).returns<AdapterView>(),
  'adapters.remove': method(z.object({ adapterId: id }).strict()).returns<{ removed: true }>(),

  'generations.list': method(z.object({ projectId: id, limit: z.number().int().min(1).max(500).default(100), offset: z.number().int().min(0).default(0) }).strict()).returns<GenerationView[]>(),
  /** Starts a generation; previews and progress come as job events, the stored generation in the job's result. */
  'generations.start': method(generationSettings).returns<JobStarted>(),
  'generations.delete': method(z.object({ generationId: id }).strict()).returns<{ deleted: true }>(),
  /** A1111 `parameters` of a dropped PNG. */
  'generations.readParameters': method(z.object({ pngBase64: z.string().min(1).max(70_000_000) }).strict()).returns<A1111Infotext | null>(),

  /** The built-in prompt themes a study can draw from. */
  'router.themes': method(none).returns<{ theme: string; prompts: string[] }[]>(),
  'router.studies': method(z.object({ projectId: id }).strict()).returns<RouterStudySummary[]>(),
  /** Runs prompts x seeds through one StyleInject adapter (a job); each image is stored as a generation with its routes. */
  'router.startStudy': method(
    z
      .object({
        projectId: id,
        modelId: id,
        adapterId: id,
        name: name.optional(),
        prompts: z.discriminatedUnion('source', [
          z.object({ source: z.literal('builtin'), themes: z.array(z.string().min(1)).optional(), perTheme: z.number().int().min(1).max(64).optional() }).strict(),
          z.object({ source: z.literal('list'), prompts: z.array(z.object({ prompt: text.min(1), theme: z.string().max(100).optional() }).strict()).min(1).max(2000) }).strict(),
          /** The captions of one of the project's datasets (the theme is the dataset's name). */
          z.object({ source: z.literal('dataset'), datasetId: id }).strict(),
        ]),
        seeds: z.number().int().min(1).max(64).default(2),
        steps: z.number().int().min(1).max(150).default(20),
        width: z.number().int().min(64).max(2048).multipleOf(8).default(512),
        height: z.number().int().min(64).max(2048).multipleOf(8).default(512),
        cfgScale: z.number().min(0).max(30).default(7.5),
      })
      .strict(),
  ).returns<JobStarted>(),
  /** A stored study: its images (with media), layers, K, themes, and the heat-map and branch-usage summary. */
  'router.study': method(z.object({ studyId: id }).strict()).returns<RouterStudyView>(),
  /** Embeds a study's routes, one point per (image, step), in the engine process (a job: UMAP on 10,000 points takes most of a minute). */
  'router.embed': method(
    z
      .object({
        studyId: id,
        method: z.enum(['tsne', 'pca', 'umap']),
        layers: z.array(z.string().min(1)).optional(),
        seed: z.number().int().min(0).optional(),
        perplexity: z.number().positive().max(500).optional(),
        iterations: z.number().int().min(1).max(10_000).optional(),
        neighbors: z.number().int().min(2).max(500).optional(),
      })
      .strict(),
  ).returns<JobStarted>(),
  'router.deleteStudy': method(z.object({ studyId: id, confirm: z.literal(true, 'deleting a study removes its images: confirm it') }).strict()).returns<{ deleted: true }>(),

  /** Jobs running or waiting now (a reloaded page reattaches to them). */
  'jobs.list': method(none).returns<JobView[]>(),
  'jobs.cancel': method(z.object({ jobId: z.string().min(1) }).strict()).returns<{ cancelled: boolean }>(),
};

// ---------------------------------------------------------------------------------------------
// Events: the service pushes these to every open window.

export interface StudioEvents {
  /** One engine (or import/download) job's event: progress, preview, metrics, sample, checkpoint, log, result, error. */
  job: { jobId: string; kind: JobKind; event: EngineEvent };
  /** Something stored changed: the pages refetch what they show of it. */
  changed: { what: ChangeTopic; projectId?: number; id?: number };
}

export const eventNames: readonly (keyof StudioEvents)[] = ['job', 'changed'];

// ---------------------------------------------------------------------------------------------
// Data the methods return

export interface AppInfo {
  version: string;
  dataDir: string;
  /** The engine's backend line, once the engine process has started. */
  backend: string | null;
  /** Models the engine process holds loaded. */
  loadedModels: ModelInfo[];
  /** Who runs the service: the Electron app, browser mode, or the command line. */
  mode: StudioMode;
}

export type StudioMode = 'electron' | 'browser' | 'cli';

export interface ModelView extends Model {
  /** Where the file is, absolute. */
  absolutePath: string;
  tokenizerName: string | null;
}

export interface DatasetView extends Dataset {
  items: number;
  excluded: number;
  flags: { lowResolution: number; duplicate: number; nearDuplicate: number; noCaption: number };
}

export interface DatasetItemView extends DatasetItem {
  /** Media ids (see StudioClient.mediaUrl). */
  thumbnail: string;
  original: string;
  flags: ItemFlags;
  tags: string[];
}

export interface ImportSummary {
  imported: number;
  skipped: { path: string; reason: string }[];
}

export interface RunDetail {
  run: TrainingRun;
  metrics: RunMetric[];
  checkpoints: (RunCheckpoint & { adapterId: number | null })[];
  samples: (RunSample & { media: string })[];
  /** The job training it now, when it runs in this session. */
  jobId: string | null;
}

export interface AdapterView extends Adapter {
  absolutePath: string;
  sizeBytes: number;
  parameters: number;
}

export interface GenerationView extends Generation {
  /** One media id per image. */
  media: string[];
}

export type JobKind = 'generate' | 'train' | 'import' | 'download' | 'study' | 'embed';

export type RouterStudySummary = Omit<RouterStudy, 'images' | 'summary'> & { imageCount: number };

export interface RouterStudyView extends Omit<RouterStudy, 'images'> {
  images: (RouterStudy['images'][number] & { media: string })[];
  /** A short name per layer ('down1.a0.t0.attn2.v'), in the order of `layers`. */
  layerLabels: string[];
  /** Per layer, what its branch usage says: the leading branch, an even split, dead branches. */
  roles: BranchRoles[];
  /** t-SNE here is exact and takes at most this many points (image x step); UMAP takes more. */
  tsneMaxPoints: number;
}

/** A study embedded: one point per (image, step), with what colours it. */
export interface RouterEmbeddingView {
  studyId: number;
  method: 'tsne' | 'pca' | 'umap';
  points: [number, number][];
  /** The image (index into the study's images) and step of each point. */
  sources: { image: number; step: number }[];
  /** The branch with the highest mean route probability over the embedded layers, per point. */
  dominant: number[];
  layers: string[];
  notes: string[];
  themeSeparation: { purity: number; chance: number; k: number } | null;
  elapsedMs: number;
}

export interface JobView {
  jobId: string;
  kind: JobKind;
  projectId: number | null;
  /** The run, generation or dataset it works on. */
  subjectId: number | null;
  startedAt: number;
  /** The last progress event, for a page that reattaches. */
  last: EngineEvent | null;
}

export interface JobStarted {
  jobId: string;
}

export type ChangeTopic = 'projects' | 'models' | 'datasets' | 'items' | 'runs' | 'adapters' | 'generations' | 'studies';

/** What a generation job's result event carries. */
export interface GenerationJobResult {
  generation: GenerationView;
  /** The A1111 parameters text written into each image. */
  parameters: string[];
  engine: Pick<GenerateResult, 'notes' | 'elapsedMs'>;
}

export type TrainingJobResult = TrainResult;

// ---------------------------------------------------------------------------------------------
// Types both sides derive from the contract

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodArgs<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = Methods[M]['output'];
export type EventName = keyof StudioEvents;
export type StudioEventListener = <E extends EventName>(event: E, payload: StudioEvents[E]) => void;

export type StudioErrorCode = EngineErrorCode | 'conflict';
export interface StudioError {
  code: StudioErrorCode;
  message: string;
}

export const contract = { methods, eventNames };

/** What a call answers over any transport: plain data. */
export type CallReply = { ok: true; result: unknown } | { ok: false; error: StudioError };

/** The page's window.studio in the Electron app (the preload builds it over IPC). */
export interface StudioBridge {
  call(method: string, input: unknown): Promise<unknown>;
  listen<E extends EventName>(event: E, listener: (payload: StudioEvents[E]) => void): () => void;
  mediaUrl(media: string): string;
}

/** What the renderer holds: the same calls over either transport. */
export interface StudioClient {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** Returns the unsubscribe. */
  listen<E extends EventName>(event: E, listener: (payload: StudioEvents[E]) => void): () => void;
  /** An <img> src for a media id (images, thumbnails, samples), served by the host. */
  mediaUrl(media: string): string;
}
