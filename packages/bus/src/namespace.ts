/**
 * Topic namespaces: several deployments (or test runs) share one Kafka cluster without seeing
 * each other's messages. Code above the bus always uses the logical names (`jindu.observations`);
 * only the wire names carry the `<namespace>.` prefix.
 */

/** Kafka's legal topic characters; the length cap leaves room for the longest logical name (249 in all). */
export const KAFKA_NAMESPACE_PATTERN = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}$/;
export const KAFKA_NAMESPACE_RULE = 'letters, digits, ".", "_" and "-" (1–100 characters), not starting with "."';

export function validateNamespace(namespace: string): void {
  if (!KAFKA_NAMESPACE_PATTERN.test(namespace)) {
    throw new Error(`Kafka namespace "${namespace}" is invalid: ${KAFKA_NAMESPACE_RULE}`);
  }
}

/** The name on the wire of a topic or consumer group: `<namespace>.<name>`, or the name itself without a namespace. */
export function inNamespace(namespace: string | undefined, name: string): string {
  return namespace === undefined ? name : `${namespace}.${name}`;
}

/** Maps logical topic names to wire names and back. */
export class TopicNames {
  private readonly prefix: string;

  constructor(readonly namespace: string | undefined) {
    if (namespace !== undefined) validateNamespace(namespace);
    this.prefix = namespace === undefined ? "" : `${namespace}.`;
  }

  wire(logical: string): string {
    return this.prefix + logical;
  }

  /** The logical name of a wire name this bus produced (names outside the namespace pass unchanged). */
  logical(wire: string): string {
    return this.prefix && wire.startsWith(this.prefix) ? wire.slice(this.prefix.length) : wire;
  }
}
