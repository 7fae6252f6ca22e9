import type { CompiledEmit } from '../engines/socketio-engine.js';
import type { CompiledWsSend } from '../engines/ws-engine.js';
import type { LoadScript, RequestStep, Step } from '../script/model.js';
import { type CompiledTemplate, compileTemplate, hasTemplate } from '../template/compile.js';
import { type CompiledCapture, type CompiledMatch, compileCapture, compileMatch } from './capture.js';
import { compileCondition, type FlowCondition } from './condition.js';
import { endpointLabel, endpointName } from './endpoint-name.js';
import { type CompiledExpectation, compileExpectation } from './expect.js';
import type { ProcessorModule } from './processor.js';
import { compileParams, type FixedRequest, fixedRequest, type ParamsRenderer } from './request-params.js';
import { RequestMetricNames } from './response-metrics.js';

export interface CompiledRequest {
  readonly step: RequestStep;
  readonly render: ParamsRenderer;
  readonly metricNames: RequestMetricNames;
  readonly captures: readonly CompiledCapture[];
  readonly matches: readonly CompiledMatch[];
  /** Empty when the expect plugin is off. */
  readonly expectations: readonly CompiledExpectation[];
  /** Scenario-level hooks first, then the request's own (Artillery's order). */
  readonly beforeRequest: readonly string[];
  readonly afterResponse: readonly string[];
  /** Scenario `onError` hooks, called when the request gets no response. */
  readonly onError: readonly string[];
  readonly ifTrue?: FlowCondition;
  readonly probability?: number;
  readonly needsBody: boolean;
  /** Set when the request is the same every time and no hook sees its params (the hot path). */
  readonly fixed?: FixedRequest;
}

export type CompiledStep =
  | { readonly kind: 'request'; readonly request: CompiledRequest }
  | { readonly kind: 'think'; readonly seconds: CompiledTemplate }
  | {
      readonly kind: 'loop';
      readonly steps: readonly CompiledStep[];
      readonly count?: CompiledTemplate;
      readonly over?: CompiledTemplate;
      readonly whileTrue?: string;
      /** The body sends a request or thinks, so each pass yields to the event loop by itself. */
      readonly waitsOnIo: boolean;
      readonly indexVar: string;
      readonly elementVar: string;
    }
  | { readonly kind: 'log'; readonly message: CompiledTemplate }
  | { readonly kind: 'function'; readonly name: string }
  | { readonly kind: 'parallel'; readonly requests: readonly CompiledRequest[] }
  | CompiledWsSend
  | CompiledEmit
  | { readonly kind: 'invalid'; readonly error: string };

/** Scenario-level hooks that wrap every request of the flow. */
export interface RequestHooks {
  readonly beforeRequest: readonly string[];
  readonly afterResponse: readonly string[];
  readonly onError?: readonly string[];
  /** The scenario's name: its requests' metrics are labelled with it (`before`/`after` flows have their own). */
  readonly name: string;
}

/** Compiles a flow once per runner: templates, regexps, endpoint labels and conditions. */
export function compileSteps(
  steps: readonly Step[],
  script: LoadScript,
  hooks: RequestHooks,
  processor: ProcessorModule | undefined,
): CompiledStep[] {
  return steps.map((step) => compileStep(step, script, hooks, processor));
}

function compileStep(
  step: Step,
  script: LoadScript,
  hooks: RequestHooks,
  processor: ProcessorModule | undefined,
): CompiledStep {
  switch (step.kind) {
    case 'request':
      return { kind: 'request', request: compileRequest(step, script, hooks, processor) };
    case 'think':
      return { kind: 'think', seconds: compileTemplate(step.seconds) };
    case 'log':
      return { kind: 'log', message: compileTemplate(step.message) };
    case 'function':
      return step;
    case 'parallel':
      return {
        kind: 'parallel',
        requests: step.steps.map((request) => compileRequest(request, script, hooks, processor)),
      };
    case 'ws-send':
      return {
        kind: 'ws-send',
        ...(step.payload === undefined ? {} : { payload: compileTemplate(step.payload) }),
        awaitsReply: step.awaitsReply,
        captures: step.captures.map(compileCapture),
        matches: step.matches.map(compileMatch),
      };
    case 'socketio-emit':
      return {
        kind: 'socketio-emit',
        emit: compileTemplate(step.emit),
        ...(step.namespace === undefined ? {} : { namespace: compileTemplate(step.namespace) }),
        ...(step.response === undefined ? {} : { response: compileTemplate(step.response) }),
        ...(step.acknowledge === undefined ? {} : { acknowledge: compileTemplate(step.acknowledge) }),
      };
    case 'invalid':
      return step;
    case 'loop':
      return {
        kind: 'loop',
        steps: compileSteps(step.steps, script, hooks, processor),
        waitsOnIo: waitsOnIo(step.steps),
        indexVar: step.indexVar,
        elementVar: step.elementVar,
        ...(step.count === undefined ? {} : { count: compileTemplate(step.count) }),
        ...(step.over === undefined ? {} : { over: compileOver(step.over) }),
        ...(step.whileTrue === undefined ? {} : { whileTrue: step.whileTrue }),
      };
  }
}

function compileRequest(
  step: RequestStep,
  script: LoadScript,
  hooks: RequestHooks,
  processor: ProcessorModule | undefined,
): CompiledRequest {
  const settings = script.metricsByEndpoint;
  const name = endpointName(step, script.target, settings);
  const captures = step.captures.map(compileCapture);
  const matches = (step.matches ?? []).map(compileMatch);
  const expectations = script.expect.enabled ? step.expectations.map(compileExpectation) : [];
  const afterResponse = [...hooks.afterResponse, ...step.afterResponse];
  const beforeRequest = [...hooks.beforeRequest, ...step.beforeRequest];
  const onError = hooks.onError ?? [];
  const render = compileParams(step, script.target, script.http.defaultHeaders);
  // Default cookies are templated per request, so such scripts take the rendering path.
  const hooked =
    beforeRequest.length + afterResponse.length + onError.length > 0 ||
    Object.keys(script.http.defaultCookies).length > 0;
  const fixed = hooked ? undefined : fixedRequest(step, render, script.http.defaultHeaders);
  return {
    step,
    render,
    ...(fixed === undefined ? {} : { fixed }),
    metricNames: new RequestMetricNames(
      { scenario: hooks.name, method: step.method, endpoint: endpointLabel(step, script.target) },
      name === undefined ? undefined : { namespace: settings.metricsNamespace, name },
    ),
    captures,
    matches,
    expectations,
    beforeRequest,
    afterResponse,
    onError,
    ...(step.ifTrue === undefined ? {} : { ifTrue: compileCondition(step.ifTrue, processor) }),
    ...(step.probability === undefined ? {} : { probability: step.probability }),
    needsBody:
      captures.some((capture) => capture.needsBody) ||
      matches.length > 0 ||
      expectations.length > 0 ||
      afterResponse.length > 0,
  };
}

function waitsOnIo(steps: readonly Step[]): boolean {
  return steps.some(
    (step) =>
      step.kind === 'request' ||
      step.kind === 'parallel' ||
      step.kind === 'think' ||
      step.kind === 'ws-send' ||
      step.kind === 'socketio-emit' ||
      (step.kind === 'loop' && waitsOnIo(step.steps)),
  );
}

/** `over: rows` names a variable; a template or a literal list is rendered as written. */
function compileOver(over: unknown): CompiledTemplate {
  if (typeof over === 'string' && !hasTemplate(over)) return compileTemplate(`{{ ${over} }}`);
  return compileTemplate(over);
}
