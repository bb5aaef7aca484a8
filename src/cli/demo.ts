import type { Config } from '../config.ts';
import { closeDeps, createDeps } from '../deps.ts';
import { seedDemo } from '../demo/seed-demo.ts';

/** careline demo: seeds the demo workspace into an empty database and prints the login. */
export async function demoCommand(config: Config): Promise<number> {
  const deps = await createDeps(config);
  try {
    const credentials = await seedDemo(deps);
    if (!credentials) {
      process.stderr.write('the database already has agents; the demo workspace seeds only an empty one\n');
      return 1;
    }
    process.stdout.write(`demo workspace seeded; log in as ${credentials.email} with password ${credentials.password}\n`);
    return 0;
  } finally {
    await closeDeps(deps);
  }
}
