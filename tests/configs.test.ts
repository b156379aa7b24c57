import assert from "node:assert/strict";
import { eslintVersions, loadPlugin } from "./helpers.js";

/** The configs do what the README's table says: severities from rule meta, and `openstack`'s extra idioms. */
const plugin = loadPlugin();

async function ruleIds(config: object, code: string): Promise<string[]> {
  const eslint = new eslintVersions[0].module.ESLint({ overrideConfigFile: true, overrideConfig: [config] as any });
  const [result] = await eslint.lintText(code, { filePath: "agent.py" });
  assert.deepEqual(
    result.messages.filter((m) => m.fatal),
    [],
  );
  return result.messages.map((m) => `${m.line} ${m.ruleId} ${m.severity}`);
}

describe("configs", () => {
  it("recommended: security defects are errors, stability findings warnings", async () => {
    const code =
      'import os\n\ndef f(x, p):\n    os.system("ls " + x)\n    try:\n        open(p).read()\n    except Exception:\n        pass\n';
    assert.deepEqual(await ruleIds(plugin.configs.recommended, code), [
      "4 python-audit/no-command-injection 2",
      "6 python-audit/no-resource-leak 1",
      "7 python-audit/no-broad-except 1",
    ]);
  });

  it("openstack: Neutron's process helpers are command sinks, oslo validators validate, oslo maskers mask", async () => {
    const code = [
      "from neutron.agent.linux import utils",
      "from oslo_utils import strutils, uuidutils",
      "",
      "def spawn(name):",
      '    utils.create_process(["ip", "netns", "exec", name])',
      "",
      "def checked(port_id):",
      "    if not uuidutils.is_uuid_like(port_id):",
      "        raise ValueError(port_id)",
      '    utils.execute(["ovs-vsctl", "del-port", port_id])',
      "",
      "def log(LOG, creds):",
      '    LOG.debug("auth %s", strutils.mask_dict_password(creds))',
      "",
    ].join("\n");
    assert.deepEqual(await ruleIds(plugin.configs.recommended, code), ["10 python-audit/no-command-injection 2"]);
    assert.deepEqual(await ruleIds(plugin.configs.openstack, code), ["5 python-audit/no-command-injection 2"]);
  });

  it("all: every rule, no-unused-nosec included", () => {
    assert.deepEqual(
      Object.keys(plugin.configs.all.rules).sort(),
      Object.keys(plugin.rules)
        .map((id) => `python-audit/${id}`)
        .sort(),
    );
  });
});
