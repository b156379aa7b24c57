/**
 * OpenStack idioms the `openstack` config adds to the rules' options: process helpers of Neutron and oslo that run
 * argv lists (usually as root), and oslo's validating predicates. The defaults already know
 * `processutils.execute`, `utils.execute`, `netns.execute`, `excutils.save_and_reraise_exception`, `LOG` and
 * `strutils.mask_password`; these entries only make sense in OpenStack code.
 */
export const OPENSTACK_COMMAND_SINKS: ReadonlyArray<{
  name: string;
  mode: "exec" | "shell";
  form?: "list" | "varargs" | "auto";
}> = [
  { name: "utils.create_process", mode: "exec" },
  { name: "agent_utils.create_process", mode: "exec" },
  { name: "async_process.AsyncProcess", mode: "exec" },
  { name: "priv_utils.execute", mode: "exec" },
  // Executors injected into drivers and connectors (`self._execute = execute or putils.execute`).
  { name: "*._execute", mode: "exec", form: "auto" },
];

/** The oslo processutils signature: a call with one of these keywords runs a command (usually as root). */
export const OPENSTACK_PRIVILEGED_KEYWORDS: readonly string[] = ["run_as_root", "root_helper"];

/** oslo predicates whose truth validates their argument (`netutils.is_valid_*` need none: `is_valid*` always counts). */
export const OPENSTACK_VALIDATORS: readonly string[] = ["*.uuidutils.is_uuid_like", "*.strutils.is_int_like"];

/** What the masking suggestion writes in OpenStack code. */
export const OPENSTACK_MASK_FUNCTION = "strutils.mask_password";
