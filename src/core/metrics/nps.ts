/** Net Promoter Score of 0–10 answers (promoters 9–10, passives 7–<9, detractors <7). */
export interface NpsSummary {
  nps: number;
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** 95% margin of error of the NPS, in points. */
  margin95: number;
}

/** Classifies one score, compared as a number: ≥ 9 promoter, < 7 detractor. */
export function npsClass(score: number): 'promoter' | 'passive' | 'detractor' {
  if (score >= 9) return 'promoter';
  if (score < 7) return 'detractor';
  return 'passive';
}

/** Accumulates counts; call `summarise` for the figures. */
export class NpsCounter {
  promoters = 0;
  passives = 0;
  detractors = 0;

  add(score: number): void {
    if (score >= 9) this.promoters++;
    else if (score < 7) this.detractors++;
    else this.passives++;
  }

  get responses(): number {
    return this.promoters + this.passives + this.detractors;
  }

  summarise(): NpsSummary {
    return npsFromCounts(this.promoters, this.passives, this.detractors);
  }
}

/**
 * NPS = 100 × (promoters − detractors) / n, and its 95% margin
 * 1.96 × 100 × sqrt((p + d − (p − d)²) / n) with p, d the shares.
 */
export function npsFromCounts(promoters: number, passives: number, detractors: number): NpsSummary {
  const n = promoters + passives + detractors;
  if (n === 0) throw new RangeError('npsFromCounts: no responses');
  const p = promoters / n;
  const d = detractors / n;
  const variance = Math.max(0, p + d - (p - d) * (p - d));
  return {
    nps: (100 * (promoters - detractors)) / n,
    responses: n,
    promoters,
    passives,
    detractors,
    margin95: 1.96 * 100 * Math.sqrt(variance / n),
  };
}
