/**
 * `npm run lab`: the lab on its own, for curl, demos and load tests.
 * Prints one line `Lab ready: <json>` naming every endpoint and the credentials.
 */
import { startLab, type LabOptions } from './index';

const USAGE = `Usage: npm run lab -- [--seed N] [--agents N] [--cuc-users N] [--rate EVENTS_PER_SECOND] [--calls-per-minute N] [--port-base N] [--latency MS] [--host ADDR]`;

function parse(argv: string[]): LabOptions {
  const options: LabOptions = {};
  const numeric: Record<string, keyof LabOptions> = {
    '--seed': 'seed',
    '--agents': 'agents',
    '--cuc-users': 'cucUsers',
    '--rate': 'rate',
    '--calls-per-minute': 'callsPerMinute',
    '--port-base': 'portBase',
    '--latency': 'latencyMs',
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    if (flag === '--help') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    }
    const value = argv[i + 1];
    if (flag === '--host' && value) {
      options.host = value;
      i++;
      continue;
    }
    const key = numeric[flag];
    if (!key) throw new Error(`Unknown option "${flag}".\n${USAGE}`);
    const n = Number(value);
    if (value === undefined || !Number.isFinite(n) || n < 0) throw new Error(`${flag} needs a non-negative number.\n${USAGE}`);
    (options as Record<string, number>)[key] = n;
    i++;
  }
  if (options.agents !== undefined && options.agents < 2) throw new Error('--agents must be at least 2.');
  return options;
}

async function main() {
  let options: LabOptions;
  try {
    options = parse(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(2);
  }
  const lab = await startLab(options);
  const { seed, agents, teams, skills, csqs, cucUsers } = lab.seed.options;
  process.stdout.write(`Lab ready: ${JSON.stringify({ ...lab.endpoints, seed: { seed, agents, teams, skills, csqs, cucUsers } })}\n`);
  const stop = async () => {
    await lab.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

void main();
