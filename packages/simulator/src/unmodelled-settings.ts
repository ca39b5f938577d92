/**
 * Settings a config may carry that the simulator does not model, so a user comparing simulated
 * runs is told instead of silently getting a different system.
 */
export interface UnmodelledSettingsInput {
  readonly provisioner_config: {
    readonly price_performance_target_level?: number | null;
  };
}

/** One sentence per setting the simulator ignores; empty when everything is modelled. */
export function unmodelledSettings(config: UnmodelledSettingsInput): string[] {
  const notes: string[] = [];
  const level = config.provisioner_config.price_performance_target_level;
  if (level !== undefined && level !== null) {
    // Redshift's AI-driven scaling (RAIS) is proprietary: no published rule to simulate.
    notes.push(
      `provisioner_config.price_performance_target_level: ${level} (Redshift AI-driven scaling) ` +
        'is not modelled by the simulator; each workgroup runs at its fixed base capacity. ' +
        'Measure RAIS live (autoslo execute --live).',
    );
  }
  return notes;
}
