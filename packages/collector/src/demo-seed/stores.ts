/** Promoter and detractor shares of a segment (passives are the rest). */
export interface Mix {
  promoters: number;
  detractors: number;
}

/** One demo store and how its customers behave. */
export interface DemoStore {
  unit: string;
  employees: readonly string[];
  /** Checkout surveys shown per day (mean). */
  displaysPerDay: number;
  /** Share of displays that get a score. */
  responseRate: number;
  mix: Mix;
  /** The planted story: from `daysAgo` on, the store's mix is `mix`. */
  drop?: { daysAgo: number; mix: Mix };
}

/**
 * Six stores, including the demo shop's four units (stockholm-sodermalm, goteborg-haga,
 * malmo-davidshall, web) with their employees (Elin, Omar, Sara, Jonas). Home delivery answers far
 * less than the shops (an under-represented segment), and Göteborg Haga really drops in the last
 * three weeks (orders not ready, long queues) — the trend must show it as a real change.
 */
export const DEMO_STORES: readonly DemoStore[] = [
  {
    unit: 'stockholm-sodermalm',
    employees: ['emp-elin', 'emp-viktor', 'emp-maja', 'emp-ali'],
    displaysPerDay: 32,
    responseRate: 0.38,
    mix: { promoters: 0.56, detractors: 0.12 },
  },
  {
    unit: 'goteborg-haga',
    employees: ['emp-omar', 'emp-lisa', 'emp-erik'],
    displaysPerDay: 26,
    responseRate: 0.37,
    mix: { promoters: 0.58, detractors: 0.1 },
    drop: { daysAgo: 21, mix: { promoters: 0.24, detractors: 0.44 } },
  },
  {
    unit: 'malmo-davidshall',
    employees: ['emp-sara', 'emp-noah', 'emp-ella', 'emp-hugo', 'emp-alva'],
    displaysPerDay: 24,
    responseRate: 0.41,
    mix: { promoters: 0.5, detractors: 0.14 },
  },
  {
    unit: 'web',
    employees: ['emp-jonas', 'emp-frida', 'emp-leo'],
    displaysPerDay: 40,
    responseRate: 0.13,
    mix: { promoters: 0.42, detractors: 0.2 },
  },
  {
    unit: 'uppsala-fyris',
    employees: ['emp-karin', 'emp-amir', 'emp-wilma'],
    displaysPerDay: 18,
    responseRate: 0.35,
    mix: { promoters: 0.61, detractors: 0.08 },
  },
  {
    unit: 'lund-centrum',
    employees: ['emp-oscar', 'emp-saga', 'emp-liam', 'emp-nora'],
    displaysPerDay: 14,
    responseRate: 0.34,
    mix: { promoters: 0.47, detractors: 0.16 },
  },
];

/** The first employee of each store is a little better liked, the last a little less. */
export function employeeShift(store: DemoStore, employee: string): number {
  if (employee === store.employees[0]) return 0.06;
  if (employee === store.employees[store.employees.length - 1]) return -0.05;
  return 0;
}
