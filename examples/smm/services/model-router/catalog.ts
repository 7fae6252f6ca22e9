import { BodyReader } from '../lib/validate.js';

export interface Model {
  readonly id: string;
  readonly name: string;
  readonly provider: string;
  /** Tokens the model accepts in one request. */
  readonly contextWindow: number;
  /** Price in dollars per 1,000 tokens; routing minimises it. */
  readonly costPer1kTokens: number;
  readonly createdAt: string;
}

export type NewModel = Pick<Model, 'name' | 'provider' | 'contextWindow' | 'costPer1kTokens'>;

export interface RouteRequest {
  readonly prompt: string;
  readonly maxCostPer1kTokens?: number;
  readonly minContextWindow?: number;
}

export const DEFAULT_CONTEXT_WINDOW = 8_192;
export const DEFAULT_COST_PER_1K_TOKENS = 0.002;
const MAX_CONTEXT_WINDOW = 10_000_000;
const MAX_PROMPT_CHARS = 200_000;
/** The usual rule of thumb for English text: about four characters per token. */
const CHARS_PER_TOKEN = 4;

/** Registered at startup so that /api/route works out of the box. */
export const SEED_MODELS: readonly NewModel[] = [
  { name: 'atlas-large', provider: 'northwind', contextWindow: 200_000, costPer1kTokens: 0.015 },
  { name: 'sage-medium', provider: 'lumen', contextWindow: 128_000, costPer1kTokens: 0.003 },
  { name: 'atlas-small', provider: 'northwind', contextWindow: 32_000, costPer1kTokens: 0.0006 },
  { name: 'swift-mini', provider: 'lumen', contextWindow: 8_192, costPer1kTokens: 0.0002 },
];

export function parseNewModel(body: unknown): NewModel {
  const reader = new BodyReader(body).allowOnly(['name', 'provider', 'contextWindow', 'costPer1kTokens']);
  const name = reader.requiredString('name', 100);
  const provider = reader.requiredString('provider', 100);
  const contextWindow = reader.optionalNumber('contextWindow', {
    min: 1,
    max: MAX_CONTEXT_WINDOW,
    integer: true,
  });
  const costPer1kTokens = reader.optionalNumber('costPer1kTokens', { min: 0, max: 1_000 });
  reader.finish();
  return {
    name,
    provider,
    contextWindow: contextWindow ?? DEFAULT_CONTEXT_WINDOW,
    costPer1kTokens: costPer1kTokens ?? DEFAULT_COST_PER_1K_TOKENS,
  };
}

export function parseRouteRequest(body: unknown): RouteRequest {
  const reader = new BodyReader(body).allowOnly(['prompt', 'maxCostPer1kTokens', 'minContextWindow']);
  const prompt = reader.requiredString('prompt', MAX_PROMPT_CHARS);
  const maxCostPer1kTokens = reader.optionalNumber('maxCostPer1kTokens', { min: 0 });
  const minContextWindow = reader.optionalNumber('minContextWindow', { min: 0, integer: true });
  reader.finish();
  return { prompt, maxCostPer1kTokens, minContextWindow };
}

export function estimatePromptTokens(prompt: string): number {
  return Math.ceil(prompt.length / CHARS_PER_TOKEN);
}

/**
 * The cheapest model whose context window holds both the prompt and `minContextWindow` and whose
 * price is within `maxCostPer1kTokens`. Ties go to the larger window, then to the name.
 */
export function pickCheapestModel(models: Iterable<Model>, request: RouteRequest): Model | undefined {
  const neededWindow = Math.max(request.minContextWindow ?? 0, estimatePromptTokens(request.prompt));
  const maxCost = request.maxCostPer1kTokens ?? Number.POSITIVE_INFINITY;
  let best: Model | undefined;
  for (const model of models) {
    if (model.contextWindow < neededWindow || model.costPer1kTokens > maxCost) continue;
    if (best === undefined || isPreferred(model, best)) best = model;
  }
  return best;
}

function isPreferred(candidate: Model, current: Model): boolean {
  if (candidate.costPer1kTokens !== current.costPer1kTokens) {
    return candidate.costPer1kTokens < current.costPer1kTokens;
  }
  if (candidate.contextWindow !== current.contextWindow)
    return candidate.contextWindow > current.contextWindow;
  return candidate.name < current.name;
}
