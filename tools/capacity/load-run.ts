import { readFile } from 'node:fs/promises';
import { EVENT_LOG_TABLE } from '../../shared/adapters/event-log-table.js';
import { deriveSettings, loadQuotas, loadSizing } from '../peak/derive-settings.js';
import { calibrate } from './calibrate.js';
import type { Prices } from './cost.js';
import type { Assumptions } from './inputs.js';
import type { ModelRun } from './model.js';
import { quotasIn } from './quotas.js';
import type { SpikeProfile } from './simulate.js';

const here = new URL('./', import.meta.url);
const readJson = async <T>(url: URL): Promise<T> => JSON.parse(await readFile(url, 'utf8')) as T;

/** bench/results/latest.json, or undefined when make bench has not run here. */
const readLatestBench = async (): Promise<unknown> => {
  try {
    return await readJson(new URL('../../bench/results/latest.json', import.meta.url));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
};

/** Reads a profile by name from tools/capacity/profiles/, or a JSON file by path. */
export const readProfile = async (nameOrPath: string): Promise<SpikeProfile> => {
  const url = nameOrPath.endsWith('.json') ? new URL(nameOrPath, `file://${process.cwd()}/`) : new URL(`profiles/${nameOrPath}.json`, here);
  const profile = await readJson<SpikeProfile>(url).catch((error: unknown) => {
    throw new Error(`cannot read the spike profile ${nameOrPath} (${url.pathname}): ${String(error)}`);
  });
  if (!Array.isArray(profile.segments) || profile.segments.some((s) => !(s.seconds > 0) || !(s.fromShare >= 0) || !(s.toShare >= 0))) {
    throw new Error(`${url.pathname}: every segment needs seconds > 0 and shares of the peak ≥ 0`);
  }
  return profile;
};

/** Every input of the model for one peak and region: the data files, the derived settings, the calibration. */
export const loadModelRun = async ({ peak, region, profile, seasonLetters }: { peak: number; region: string; profile: string; seasonLetters?: number }): Promise<ModelRun> => {
  const quotas = loadQuotas();
  const sizing = loadSizing();
  const [latest, assumed, prices, spike] = await Promise.all([
    readLatestBench(),
    readJson<Omit<Assumptions, 'eventLogDayIndexShards'>>(new URL('assumptions.json', here)),
    readJson<Prices>(new URL('prices.json', here)),
    readProfile(profile),
  ]);
  const assumptions: Assumptions = { ...assumed, eventLogDayIndexShards: EVENT_LOG_TABLE.byDayShards };
  const calibration = calibrate(latest, sizing);
  if (latest === undefined) calibration.notes.unshift('no bench/results/latest.json (run make bench): every measured figure from infra/sizing.json');
  return {
    peakLettersPerSecond: peak,
    quotas: quotasIn(quotas, region),
    settings: deriveSettings(peak, sizing),
    calibration,
    assumptions,
    prices,
    profile: spike,
    seasonLetters: seasonLetters ?? Math.round(peak * 3600 * assumptions.season.peakHoursEquivalent),
  };
};
