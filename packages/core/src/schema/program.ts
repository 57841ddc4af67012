import { z } from 'zod';
import { slug } from './primitives.js';

/** A calendar date (`2026-01-01`, midnight in the analyst time zone) or an ISO date-time with a zone. */
export const dateOrDateTime = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

const targetSchema = z.strictObject({
  /** NPS points (−100…100) or a response rate (0…1), by the goal's metric. */
  value: z.number(),
  /** The date the value should be reached by. */
  by: dateOrDateTime,
});

/** One program goal: a metric, an optional slice, a start with its baseline, and dated targets. */
export const programGoalSchema = z.strictObject({
  id: slug,
  name: z.string().min(1).max(120).optional(),
  metric: z.enum(['nps', 'responseRate']),
  /** Limit the goal to one survey, one survey kind and/or one unit (store). */
  survey: slug.optional(),
  kind: z.enum(['relationship', 'transactional']).optional(),
  unit: z.string().min(1).max(200).optional(),
  /** The current value is measured over this many days up to now. */
  windowDays: z.int().min(1).max(730).default(90),
  /** When the program started: the linear path to the first target begins here. */
  start: dateOrDateTime,
  /** The value at `start`; measured over `windowDays` before `start` when absent. */
  baseline: z.number().optional(),
  /** Targets in date order, e.g. NPS 40 by one date and 50 by a later one. */
  targets: z.array(targetSchema).min(1).max(10),
});

/** `program` in the collector config: the goals `GET /v1/program` reports on. */
export const programSchema = z
  .strictObject({ goals: z.array(programGoalSchema).max(50).default([]) })
  .superRefine((program, ctx) => {
    const ids = new Set<string>();
    program.goals.forEach((goal, index) => {
      if (ids.has(goal.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['goals', index, 'id'],
          message: 'duplicate goal id',
        });
      }
      ids.add(goal.id);
      if (goal.metric === 'nps' && goal.survey === undefined && goal.kind === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['goals', index, 'kind'],
          message:
            'an NPS goal names a survey or a kind: relationship and transactional NPS never mix',
        });
      }
      const [low, high] = goal.metric === 'nps' ? [-100, 100] : [0, 1];
      const values = [...goal.targets.map((target) => target.value), goal.baseline ?? low];
      values.forEach((value, position) => {
        if (value < low || value > high) {
          ctx.addIssue({
            code: 'custom',
            path:
              position < goal.targets.length
                ? ['goals', index, 'targets', position, 'value']
                : ['goals', index, 'baseline'],
            message: goal.metric === 'nps' ? 'an NPS from -100 to 100' : 'a rate from 0 to 1',
          });
        }
      });
      let previous = Date.parse(goal.start);
      goal.targets.forEach((target, position) => {
        const by = Date.parse(target.by);
        if (!(by > previous)) {
          ctx.addIssue({
            code: 'custom',
            path: ['goals', index, 'targets', position, 'by'],
            message: 'targets must be after start and in date order',
          });
        }
        previous = by;
      });
    });
  });

export type ProgramGoal = z.output<typeof programGoalSchema>;
export type ProgramConfig = z.output<typeof programSchema>;
