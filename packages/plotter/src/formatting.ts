/**
 * Colour and marker per `formatting_id`: the reference's fixed table, so a manifest written for
 * the reference draws every method the same way here. Unknown ids fall back to a grey circle.
 */
import { PALETTE } from './palette.js';

/** Marker shapes, named after matplotlib's marker codes they stand for. */
export type MarkerShape = 'circle' | 'square' | 'diamond' | 'triangle' | 'star' | 'cross';

export interface PointFormat {
  readonly color: string;
  readonly marker: MarkerShape;
}

const f = (color: string, marker: MarkerShape): PointFormat => ({ color, marker });

export const FORMATTING: Readonly<Record<string, PointFormat>> = {
  initial: f(PALETTE.gray, 'cross'),
  ground_truth: f(PALETTE.dark_purple, 'star'),
  prev_day: f(PALETTE.light_blue, 'circle'),
  prev_week: f(PALETTE.dark_blue, 'circle'),
  prev_month: f(PALETTE.dark_green, 'circle'),
  base_16: f(PALETTE.light_red, 'square'),
  base_16_16: f(PALETTE.light_red, 'diamond'),
  base_32: f(PALETTE.dark_red, 'square'),
  base_32_32: f(PALETTE.dark_red, 'diamond'),
  base_64: f(PALETTE.dark_red, 'square'),
  round_robin: f(PALETTE.light_red, 'square'),
  stage: f(PALETTE.light_blue, 'triangle'),
  iconq: f(PALETTE.light_green, 'circle'),
  autoscaler_noop: f(PALETTE.light_gray, 'square'),
  autoscaler_replace_with_single_best: f(PALETTE.dark_red, 'diamond'),
  autoscaler_replace_with_single_best_forward: f(PALETTE.light_red, 'diamond'),
  autoscaler_duplicate_largest: f(PALETTE.light_blue, 'triangle'),
  autoscaler_ours: f(PALETTE.dark_green, 'circle'),
  autoscaler_ours_forward: f(PALETTE.light_green, 'circle'),
  main_eval_past30_thresh5: f(PALETTE.light_blue, 'triangle'),
  main_eval_past7_thresh5: f(PALETTE.light_blue, 'square'),
  main_eval_past1_thresh5: f(PALETTE.light_blue, 'circle'),
  main_eval_oracle_thresh5: f(PALETTE.light_blue, 'diamond'),
  main_eval_past30_thresh10: f(PALETTE.light_green, 'triangle'),
  main_eval_past7_thresh10: f(PALETTE.light_green, 'square'),
  main_eval_past1_thresh10: f(PALETTE.light_green, 'circle'),
  main_eval_oracle_thresh10: f(PALETTE.light_green, 'diamond'),
  main_eval_past30_thresh1: f(PALETTE.light_orange, 'triangle'),
  main_eval_past7_thresh1: f(PALETTE.light_orange, 'square'),
  main_eval_past1_thresh1: f(PALETTE.light_orange, 'circle'),
  main_eval_oracle_thresh1: f(PALETTE.light_orange, 'diamond'),
  main_eval_round_robin: f(PALETTE.light_blue, 'circle'),
  trigger_noop: f(PALETTE.light_gray, 'square'),
  trigger_queue_depth: f(PALETTE.light_blue, 'triangle'),
  trigger_observed_violations: f(PALETTE.light_red, 'diamond'),
  trigger_combined_violations: f(PALETTE.light_green, 'circle'),
  main_eval_16_16: f(PALETTE.light_blue, 'circle'),
  main_eval_32: f(PALETTE.light_gray, 'circle'),
  main_eval_32_32: f(PALETTE.light_blue, 'square'),
  main_eval_64: f(PALETTE.light_gray, 'square'),
  main_eval_rais50: f(PALETTE.light_red, 'circle'),
  main_eval_rais75: f(PALETTE.light_red, 'square'),
  main_eval_rais100: f(PALETTE.light_red, 'triangle'),
  main_eval_chosen: f(PALETTE.light_green, 'star'),
  // This project's additions (the bundled demo): the untuned and the oracle-tuned AutoSLO.
  main_eval_base: f(PALETTE.dark_orange, 'triangle'),
  main_eval_oracle: f(PALETTE.dark_purple, 'diamond'),
  // Peer systems' scaling rules (docs/autoscaling-policies.md), the autoscalers users run today.
  peer_snowflake_standard: f(PALETTE.dark_blue, 'triangle'),
  peer_snowflake_economy: f(PALETTE.light_purple, 'triangle'),
  peer_redshift_queue_time: f(PALETTE.dark_red, 'cross'),
  peer_databricks_drain_time: f(PALETTE.dark_yellow, 'diamond'),
};

export const FALLBACK_FORMAT: PointFormat = f(PALETTE.gray, 'circle');

/** The format for an id, and whether the id was known (callers warn about unknown ones). */
export function formatFor(formattingId: string): { format: PointFormat; known: boolean } {
  const known = Object.hasOwn(FORMATTING, formattingId);
  return { format: known ? FORMATTING[formattingId]! : FALLBACK_FORMAT, known };
}
