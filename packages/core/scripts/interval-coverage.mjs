// Prints the exact coverage of the NPS 95% intervals: for each true (promoter, detractor) share and n,
// the probability — summed over every possible trinomial outcome — that the interval contains the
// true NPS. Adjusted Wald (what `npsFromCounts` returns) next to the plain Wald it replaced.
// Run: npm run coverage -w @npskit/core (builds first). The simulation test in
// src/score/interval.test.ts checks the same cells by random sampling against a documented band.
import { npsFromCounts, Z_95 } from '../dist/score/index.js';

const SHARES = [
  [0.5, 0.2],
  [0.3, 0.3],
  [0.6, 0.1],
  [0.4, 0.4],
  [0.2, 0.5],
  [0.7, 0.15],
  [0.8, 0.05],
  [0.45, 0.35],
  [0.1, 0.1],
  [0.9, 0.05],
];
const SIZES = [5, 10, 30, 100, 1000];

const logFactorial = [0];
for (let i = 1; i <= Math.max(...SIZES); i += 1)
  logFactorial[i] = logFactorial[i - 1] + Math.log(i);

function wald(promoters, detractors, n) {
  const p = promoters / n;
  const d = detractors / n;
  const margin = Z_95 * 100 * Math.sqrt((p + d - (p - d) ** 2) / n);
  return [100 * (p - d) - margin, 100 * (p - d) + margin];
}

function exactCoverage(n, p, d, interval) {
  const m = 1 - p - d;
  const truth = 100 * (p - d);
  let covered = 0;
  for (let promoters = 0; promoters <= n; promoters += 1) {
    for (let detractors = 0; detractors <= n - promoters; detractors += 1) {
      const passives = n - promoters - detractors;
      const log =
        logFactorial[n] -
        logFactorial[promoters] -
        logFactorial[detractors] -
        logFactorial[passives] +
        (promoters ? promoters * Math.log(p) : 0) +
        (detractors ? detractors * Math.log(d) : 0) +
        (passives ? passives * Math.log(m) : 0);
      const ci = interval(promoters, detractors, n);
      if (ci && ci[0] <= truth + 1e-9 && truth <= ci[1] + 1e-9) covered += Math.exp(log);
    }
  }
  return covered;
}

const adjusted = (promoters, detractors, n) =>
  npsFromCounts({ promoters, detractors, passives: n - promoters - detractors }).ci95;

console.log('exact coverage of the 95% interval (adjusted Wald / Wald)');
console.log(`${'shares P/D'.padEnd(11)}${SIZES.map((n) => `n=${n}`.padStart(14)).join('')}`);
for (const [p, d] of SHARES) {
  const cells = SIZES.map((n) => {
    const a = exactCoverage(n, p, d, adjusted).toFixed(3);
    const w = exactCoverage(n, p, d, wald).toFixed(3);
    return `${a} / ${w}`.padStart(14);
  });
  console.log(`${`${p}/${d}`.padEnd(11)}${cells.join('')}`);
}
