import type { Clock } from '../../core/clock.js';
import type { IterationContext, IterationFn, IterationOutcome, MetricsRecorder } from '../contracts.js';
import {
  arrivalOffset,
  type ClosedPhasePlan,
  type LoadPlan,
  type OpenPhasePlan,
  type PlannedPhase,
} from '../schedule/plan.js';

/** Counted when an Artillery phase's `maxVusers` cap turns an arrival away (Artillery's name). */
export const SKIPPED_VUSERS = 'vusers.skipped';
/** Counted when a constant-rps iteration cannot start because every VU is busy (k6's dropped_iterations). */
export const DROPPED_ITERATIONS = 'perfgate.iterations.dropped';
/** Closed-model VUs yield to the event loop at least this often, even if iterations never wait. */
const CLOSED_YIELD_EVERY = 32;
/**
 * At most this many due arrivals start per turn of the event loop: a generator that has fallen
 * behind must still read responses between batches, or it would start a whole phase's backlog
 * in one synchronous loop (and measure its own stall as the target's latency).
 */
export const MAX_ARRIVALS_PER_TURN = 256;

/**
 * Resolves after the event loop's next poll for I/O and its due timers (setImmediate runs in the
 * check phase). Not `sleep(0)`: a timer waits at least 1 ms, idling the VU and the connection.
 */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

const ITERATION_THREW: IterationOutcome = { state: 'failed', errorCode: 'ITERATION_THREW' };

export interface ExecutorDeps {
  readonly clock: Clock;
  /** Monotonic reading at the test's zero: plan offsets are relative to it. */
  readonly testZeroMs: number;
  readonly iterate: IterationFn;
  readonly metrics: MetricsRecorder;
  /** Aborted: start nothing more (in-flight iterations continue until `iterationSignal`). */
  readonly stopSignal: AbortSignal;
  /** Handed to every iteration: aborted when in-flight work must end now. */
  readonly iterationSignal: AbortSignal;
  /** How late (ms) each iteration started against its intended start: generator health. */
  readonly onSlip?: (lateMs: number) => void;
  readonly onPhaseStart?: (phase: PlannedPhase) => void;
}

export interface ExecutionSummary {
  readonly started: number;
  readonly skipped: number;
  readonly dropped: number;
  readonly completed: number;
  readonly failed: number;
  /** Most iterations in flight at once. */
  readonly peakActive: number;
  /** True when the stop signal ended the schedule early. */
  readonly stoppedEarly: boolean;
}

/**
 * Runs a plan (STYLE.md #1, #3: the executor only decides *when*). Open phases start one
 * iteration per arrival at its absolute offset; closed phases keep `vus` iterations running
 * back to back. The scheduler never spins: it sleeps until the next arrival is due, then starts
 * every arrival that is due (a late wake-up starts the backlog at once, each still measured from
 * its intended start). Resolves when the schedule is over and every iteration has ended.
 */
export async function execute(plan: LoadPlan, deps: ExecutorDeps): Promise<ExecutionSummary> {
  const run = new Execution(plan, deps);
  await run.schedule();
  await run.drained();
  return run.summary();
}

class Execution {
  #active = 0;
  #peakActive = 0;
  #started = 0;
  #skipped = 0;
  #dropped = 0;
  #completed = 0;
  #failed = 0;
  #nextVuId = 0;
  #drainWaiter: (() => void) | undefined;
  readonly #onEnded = (outcome: IterationOutcome) => this.#ended(outcome);
  readonly #onThrew = () => this.#ended(ITERATION_THREW);
  readonly #onVuLeft = () => this.#left();

  constructor(
    readonly plan: LoadPlan,
    readonly deps: ExecutorDeps,
  ) {}

  now(): number {
    return this.deps.clock.monotonic() - this.deps.testZeroMs;
  }

  get stopped(): boolean {
    return this.deps.stopSignal.aborted;
  }

  async schedule(): Promise<void> {
    for (const phase of this.plan.phases) {
      if (!(await this.sleepUntil(phase.startMs))) return;
      this.deps.onPhaseStart?.(phase);
      if (phase.kind === 'open') await this.runOpen(phase);
      else if (phase.kind === 'closed') this.startClosed(phase);
      if (this.stopped) return;
    }
    await this.sleepUntil(this.plan.durationMs);
  }

  /** Sleeps until test time `atMs`; false when the stop signal cut it short. */
  async sleepUntil(atMs: number): Promise<boolean> {
    const wait = atMs - this.now();
    if (this.stopped) return false;
    if (wait <= 0) return true;
    try {
      await this.deps.clock.sleep(wait, this.deps.stopSignal);
    } catch {
      return false;
    }
    return !this.stopped;
  }

  async runOpen(phase: OpenPhasePlan): Promise<void> {
    const { index, count } = this.plan.segment;
    let k = 0;
    let sinceYield = 0;
    while (k < phase.arrivals) {
      const due = arrivalOffset(phase, index + k * count);
      if (due > this.now()) {
        if (!(await this.sleepUntil(due))) return;
        sinceYield = 0;
      } else if (sinceYield >= MAX_ARRIVALS_PER_TURN) {
        // Behind schedule: still give the event loop a turn (responses, timers) between batches.
        if (!(await this.yieldTurn())) return;
        sinceYield = 0;
      }
      const now = this.now();
      // Start every arrival that is due now, not just the one we woke for (up to a batch).
      for (; k < phase.arrivals && sinceYield < MAX_ARRIVALS_PER_TURN; k++, sinceYield++) {
        const intended = arrivalOffset(phase, index + k * count);
        if (intended > now) break;
        this.deps.onSlip?.(now - intended);
        this.launchArrival(phase, intended);
      }
      if (this.stopped) return;
    }
  }

  /** One turn of the event loop; false when the stop signal came meanwhile. */
  async yieldTurn(): Promise<boolean> {
    try {
      await this.deps.clock.sleep(0, this.deps.stopSignal);
    } catch {
      return false;
    }
    return !this.stopped;
  }

  launchArrival(phase: OpenPhasePlan, intendedStartMs: number): void {
    if (phase.maxVusers !== undefined && this.#active >= phase.maxVusers) {
      if (phase.source === 'constant-rps') {
        this.#dropped++;
        this.deps.metrics.counter(DROPPED_ITERATIONS);
      } else {
        this.#skipped++;
        this.deps.metrics.counter(SKIPPED_VUSERS);
      }
      return;
    }
    this.#begin();
    this.#call({
      vuId: this.#nextVuId++,
      intendedStartMs,
      phaseIndex: phase.phaseIndex,
      signal: this.deps.iterationSignal,
    }).then(this.#onEnded, this.#onThrew);
  }

  startClosed(phase: ClosedPhasePlan): void {
    const endMs = phase.startMs + phase.durationMs;
    for (let j = 0; j < phase.vus; j++) {
      this.#enter();
      this.runClosedVu(phase, this.#nextVuId++, endMs).then(this.#onVuLeft, this.#onVuLeft);
    }
  }

  /** One closed-model VU: iterations back to back until the phase ends or the test stops. */
  async runClosedVu(phase: ClosedPhasePlan, vuId: number, endMs: number): Promise<void> {
    const { iterationSignal: signal } = this.deps;
    for (let n = 1; !this.stopped; n++) {
      const intendedStartMs = this.now();
      if (intendedStartMs >= endMs) return;
      this.#started++;
      let outcome: IterationOutcome;
      try {
        outcome = await this.#call({ vuId, intendedStartMs, phaseIndex: phase.phaseIndex, signal });
      } catch {
        outcome = ITERATION_THREW;
      }
      this.#count(outcome);
      // An iteration that never waits (a stub, a cached failure) must not starve the timers.
      if (n % CLOSED_YIELD_EVERY === 0) await nextTurn();
    }
  }

  #call(context: IterationContext): Promise<IterationOutcome> {
    try {
      return this.deps.iterate(context);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  #begin(): void {
    this.#started++;
    this.#enter();
  }

  #enter(): void {
    this.#active++;
    if (this.#active > this.#peakActive) this.#peakActive = this.#active;
  }

  #count(outcome: IterationOutcome): void {
    if (outcome.state === 'completed') this.#completed++;
    else this.#failed++;
  }

  #ended(outcome: IterationOutcome): void {
    this.#count(outcome);
    this.#left();
  }

  #left(): void {
    this.#active--;
    if (this.#active === 0) this.#drainWaiter?.();
  }

  drained(): Promise<void> {
    if (this.#active === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.#drainWaiter = resolve;
    });
  }

  summary(): ExecutionSummary {
    return {
      started: this.#started,
      skipped: this.#skipped,
      dropped: this.#dropped,
      completed: this.#completed,
      failed: this.#failed,
      peakActive: this.#peakActive,
      stoppedEarly: this.stopped,
    };
  }
}
