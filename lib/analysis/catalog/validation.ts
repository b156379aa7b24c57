import type { CalleePattern } from "./pattern.js";

/** Conversions that reject anything but a well-formed value (they raise otherwise): their result is validated. */
export const VALIDATING_CONVERSIONS: readonly CalleePattern[] = [
  "int",
  "float",
  "bool",
  "uuid.UUID",
  "netaddr.IPNetwork",
  "netaddr.IPAddress",
  "netaddr.EUI",
  "netaddr.IPRange",
  "ipaddress.ip_address",
  "ipaddress.ip_network",
  "ipaddress.ip_interface",
  "ipaddress.IPv4Address",
  "ipaddress.IPv6Address",
  "ipaddress.IPv4Network",
  "ipaddress.IPv6Network",
];

/** Calls that pass their argument's validated value through (`str(int(x))`). */
export const VALUE_PRESERVING_CONVERSIONS: readonly CalleePattern[] = ["str", "format"];

/**
 * Regex calls that validate the string they are given when their pattern is anchored. `full`: the whole string
 * must match whatever the pattern; `start`: anchored at the start, so the pattern must end in `$`/`\Z`; `anywhere`:
 * the pattern must also start with `^`/`\A`. The compiled forms (`re.compile().match`) take the pattern from the
 * `re.compile` call that built the receiver.
 */
export const REGEX_VALIDATORS: ReadonlyArray<{
  callee: CalleePattern;
  anchoring: "full" | "start" | "anywhere";
  compiled: boolean;
}> = [
  { callee: "re.fullmatch", anchoring: "full", compiled: false },
  { callee: "re.match", anchoring: "start", compiled: false },
  { callee: "re.search", anchoring: "anywhere", compiled: false },
  { callee: "re.compile().fullmatch", anchoring: "full", compiled: true },
  { callee: "re.compile().match", anchoring: "start", compiled: true },
  { callee: "re.compile().search", anchoring: "anywhere", compiled: true },
];

/** Naming conventions of validating predicates (`is_valid_ipv4(x)`, `validate_name(x)`), matched on the last segment. */
export const VALIDATOR_NAME = /^(is_valid|validate)[a-z0-9_]*$/u;
