import { type IndicatorInfo, indicatorsFromTargets, type SourcePolicy } from "@jindu/ingest";
import { getSource, listTargets, type Source, type Store } from "@jindu/store";

/**
 * What validation needs to know, read from the store and cached briefly: the indicators (the
 * stored quantitative targets, with their units, years and baselines) and each source's permissions.
 */
export class PolicyProvider {
  private indicators: { value: Map<string, IndicatorInfo>; at: number } | null = null;
  private readonly sources = new Map<string, { value: Source | null; at: number }>();
  private loadingIndicators: Promise<Map<string, IndicatorInfo>> | null = null;

  constructor(
    private readonly store: Store,
    private readonly ttlMs = 2_000,
    private readonly clock: () => number = Date.now,
  ) {}

  async indicatorMap(): Promise<ReadonlyMap<string, IndicatorInfo>> {
    if (this.indicators && this.clock() - this.indicators.at < this.ttlMs) return this.indicators.value;
    // Concurrent pushes after the cache expired share one read of the targets.
    this.loadingIndicators ??= this.loadIndicators().finally(() => {
      this.loadingIndicators = null;
    });
    return this.loadingIndicators;
  }

  private async loadIndicators(): Promise<Map<string, IndicatorInfo>> {
    const map = indicatorsFromTargets(await listTargets(this.store));
    this.indicators = { value: map, at: this.clock() };
    return map;
  }

  async source(id: string): Promise<Source | null> {
    const cached = this.sources.get(id);
    if (cached && this.clock() - cached.at < this.ttlMs) return cached.value;
    const value = await getSource(this.store, id);
    this.sources.set(id, { value, at: this.clock() });
    return value;
  }

  /** Forget cached answers (after an admin changed a source or a target in this process). */
  invalidate(): void {
    this.indicators = null;
    this.loadingIndicators = null;
    this.sources.clear();
  }
}

export const policyOf = (s: Source): SourcePolicy => ({ id: s.id, indicators: s.indicators, regions: s.regions });
