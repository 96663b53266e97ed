/**
 * A `--data` file's fleet: the agents its `AutomationAgentSet` lists (neutral defaults for what
 * an entry leaves out), plus an online agent for every other instance its invocations name, so a
 * file of invocations alone can be run against.
 */
import { AGENT_ENVIRONMENTS, AGENT_STATUSES } from '../../api/types.js';
import { dataSet, isObject } from '../data/data-file.js';
import type { StoredInvocation } from '../data/model.js';
import { ID_FORMATS } from '../filters.js';
import { type AgentEnvironment, type FleetInstance, onlineInstance, RegionFleet } from './fleet.js';

/** An offline agent the file gives no LastHeartbeatTime last beat this long before the start. */
const OFFLINE_FOR_MS = 3_600_000;

function oneOf<T extends string>(
  entry: Record<string, unknown>,
  key: string,
  choices: readonly T[],
  fallback: T,
  where: string,
): T {
  const value = entry[key];
  if (value === undefined || value === null) return fallback;
  const found = choices.find((choice) => choice === value);
  if (found === undefined) throw new Error(`${where}: ${key} must be one of ${choices.join(', ')}`);
  return found;
}

/** The agents of the file's `AutomationAgentSet`; an error naming the entry and field that is wrong. */
export function agentsFromJson(data: unknown, t0: number): FleetInstance[] {
  const seen = new Set<string>();
  return dataSet(data, 'AutomationAgentSet').map((entry, i) => {
    const where = `agent #${i}`;
    if (!isObject(entry)) throw new Error(`${where} is not an object`);
    const id = entry.InstanceId;
    if (typeof id !== 'string' || !ID_FORMATS.instance.re.test(id))
      throw new Error(`${where} has no valid InstanceId (ins-, lhins- or rins-...)`);
    if (seen.has(id)) throw new Error(`duplicate agent InstanceId ${id}`);
    seen.add(id);
    const status = oneOf(entry, 'AgentStatus', AGENT_STATUSES, 'Online', `agent ${id}`);
    const environment = oneOf<AgentEnvironment>(entry, 'Environment', AGENT_ENVIRONMENTS, 'Linux', `agent ${id}`);
    const base = onlineInstance(id, environment);
    const features = entry.SupportFeatures;
    if (features !== undefined && (!Array.isArray(features) || features.some((f) => typeof f !== 'string')))
      throw new Error(`agent ${id}: SupportFeatures must be an array of strings`);
    const beat = entry.LastHeartbeatTime;
    if (beat !== undefined && (typeof beat !== 'string' || Number.isNaN(Date.parse(beat))))
      throw new Error(`agent ${id}: LastHeartbeatTime must be an ISO 8601 time`);
    // File data does not change over time: a given heartbeat stays; an online agent without one beats with the clock.
    const fixedBeat = beat !== undefined ? Date.parse(beat) : status === 'Offline' ? t0 - OFFLINE_FOR_MS : undefined;
    return {
      ...base,
      status,
      version: typeof entry.Version === 'string' ? entry.Version : base.version,
      // Checked just above to be an array of strings.
      features: features === undefined ? base.features : (features as string[]),
      ...(fixedBeat === undefined ? {} : { fixedHeartbeatMs: fixedBeat }),
    };
  });
}

/** The file's agents, then an online one for each other instance its invocations ran on (Windows when it ran PowerShell or BAT there). */
export function dataFleet(
  listed: readonly FleetInstance[],
  records: readonly StoredInvocation[],
  t0: number,
): RegionFleet {
  const known = new Set(listed.map((instance) => instance.InstanceId));
  const derived: FleetInstance[] = [];
  for (const record of records) {
    const windows = record.invocation(t0).CommandType !== 'SHELL';
    for (const id of record.instanceIds) {
      if (known.has(id) || !ID_FORMATS.instance.re.test(id)) continue;
      known.add(id);
      derived.push(onlineInstance(id, windows ? 'Windows' : 'Linux'));
    }
  }
  return new RegionFleet([...listed, ...derived]);
}
