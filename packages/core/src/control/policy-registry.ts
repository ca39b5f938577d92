/**
 * Name -> factory tables of routing and autoscaling policies. Built-ins are entered at
 * start; user policies must be named `custom:<name>` so a config names them without the
 * config schema knowing them, and a built-in can never be replaced by accident.
 */
import { type CustomPolicyName, InputError, isCustomPolicyName } from '@autoslo/config';

export type { CustomPolicyName } from '@autoslo/config';

export class PolicyRegistry<F> {
  private readonly factories = new Map<string, F>();

  constructor(
    /** 'routing policy' or 'autoscaling policy', for messages. */
    readonly kind: string,
    /** The config key that names the policy, for messages. */
    readonly configPath: string,
    /** How to register one, for messages. */
    readonly registerFunction: string,
    builtins: Readonly<Record<string, F>>,
  ) {
    for (const [name, factory] of Object.entries(builtins)) this.factories.set(name, factory);
  }

  /** Adds (or replaces) a custom policy. @throws RangeError for a name not `custom:<name>`. */
  register(name: string, factory: F): void {
    if (!isCustomPolicyName(name))
      throw new RangeError(
        `${this.kind} name '${name}' must look like 'custom:<name>' (letters, digits, _ . -)`,
      );
    this.factories.set(name, factory);
  }

  /** Removes a custom policy (tests); built-ins stay. */
  unregister(name: CustomPolicyName): boolean {
    return isCustomPolicyName(name) && this.factories.delete(name);
  }

  names(): string[] {
    return [...this.factories.keys()];
  }

  /** @throws InputError naming the config key when the name is not registered. */
  resolve(name: string): F {
    const factory = this.factories.get(name);
    if (factory !== undefined) return factory;
    const custom = this.names().filter(isCustomPolicyName);
    const hint = isCustomPolicyName(name)
      ? `no ${this.kind} '${name}' is registered in this process (call ${this.registerFunction} before the run; worker threads of evaluateBatch load 'policyModules')`
      : `unknown ${this.kind} '${name}'`;
    throw new InputError({
      path: this.configPath,
      message: hint,
      expected: [...this.names().filter((n) => !isCustomPolicyName(n)), ...custom].join(' | '),
      received: name,
    });
  }
}
