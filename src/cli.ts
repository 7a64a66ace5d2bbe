// The `etalase` command: serve, demo, migrate, seed, create-admin, plan, import-sales.
import { stdin } from 'node:process';
import { loadConfig } from './config.ts';
import { localDate } from './platform/clock.ts';

// Modules are imported by the command that needs them: `etalase plan` should not pay for the server.
const server = () => import('./server.ts');
const demoData = () => import('./demo/seed.ts');

const HELP = `etalase <command>

  serve                 start the server (DATABASE_URL or ./data), no demo data; listens on HOST (0.0.0.0)
  demo                  start with the deterministic demo data (what \`npm start\` runs); listens on
                        127.0.0.1 only (public demo passwords) unless HOST is set
  migrate               apply database migrations and load regions
  seed                  load the demo data into the database (idempotent)
  create-admin EMAIL    create the first administrator; password from ETALASE_ADMIN_PASSWORD or stdin
  plan FILE             compute an optimal placement plan for an instance file (docs/PLACEMENT.md)
  import-sales --chain CODE [--correction] FILE
                        import a POS sales file (CSV/XLSX, docs/POS.md); prints the result JSON
`;

const log = (s: string) => process.stderr.write(`${s}\n`);

async function readStdin(): Promise<string> {
  let data = '';
  for await (const chunk of stdin) data += chunk;
  return data.trim();
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case 'serve':
    case 'demo': {
      const demo = command === 'demo';
      const config = loadConfig(process.env, { demo });
      const { prepareDatabase, startServer } = await server();
      const { DEMO_ACCOUNTS, DEMO_PASSWORD, isSeeded, seedDemo } = await demoData();
      const handle = await prepareDatabase(config, log);
      if (demo && !(await isSeeded(handle.db))) {
        log('Menyiapkan data demo / preparing demo data …');
        // The demo's story is told for the day it is seeded (Jakarta's calendar day by the app's clock).
        await seedDemo(handle.db, { log, today: localDate('31', config.clock()), filesDir: config.filesDir });
      }
      await startServer(config, handle);
      // 0.0.0.0 is every interface: this machine reaches it as localhost.
      const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
      log(`\nEtalase berjalan di / is running at ${url}  (database: ${handle.kind})`);
      if (demo) {
        log(`Akun demo / demo accounts — kata sandi / password: ${DEMO_PASSWORD}`);
        for (const a of DEMO_ACCOUNTS) log(`  ${a.email.padEnd(36)} ${a.role.padEnd(9)} ${a.what}`);
      }
      return -1; // keep running
    }
    case 'migrate': {
      const { prepareDatabase } = await server();
      const handle = await prepareDatabase(loadConfig(), log);
      await handle.close();
      return 0;
    }
    case 'seed': {
      const { prepareDatabase } = await server();
      const { isSeeded, seedDemo } = await demoData();
      const config = loadConfig();
      const handle = await prepareDatabase(config, log);
      try {
        if (await isSeeded(handle.db)) log('Data demo sudah ada / demo data already present.');
        else await seedDemo(handle.db, { log, today: localDate('31', config.clock()), filesDir: config.filesDir });
      } finally {
        await handle.close();
      }
      return 0;
    }
    case 'create-admin': {
      const email = args[0]?.toLowerCase();
      if (!email || !/^[^@\s]+@[^@\s]+$/.test(email)) {
        log('Pemakaian / usage: etalase create-admin EMAIL');
        return 2;
      }
      const password = process.env.ETALASE_ADMIN_PASSWORD ?? (await readStdin());
      if (password.length < 10) {
        log('Kata sandi minimal 10 karakter / password must have at least 10 characters.');
        return 2;
      }
      const { prepareDatabase } = await server();
      const { hashPassword } = await import('./platform/auth/password.ts');
      const handle = await prepareDatabase(loadConfig(), log);
      try {
        const exists = await handle.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
        if (exists) {
          log(`Pengguna ${email} sudah ada / user already exists.`);
          return 2;
        }
        await handle.db
          .insertInto('users')
          .values({ email, name: 'Administrator', role: 'admin', password_hash: await hashPassword(password) })
          .execute();
        log(`Admin ${email} dibuat / created.`);
      } finally {
        await handle.close();
      }
      return 0;
    }
    case 'plan': {
      const { runPlanCommand } = await import('./modules/placement/placement.cli.ts');
      return runPlanCommand(args, { stdout: process.stdout, stderr: process.stderr });
    }
    case 'import-sales': {
      const { prepareDatabase } = await server();
      const { runImportSalesCommand } = await import('./modules/sales/sales.cli.ts');
      const handle = await prepareDatabase(loadConfig(), log);
      try {
        return await runImportSalesCommand(handle.db, args, { stdout: process.stdout, stderr: process.stderr });
      } finally {
        await handle.close();
      }
    }
    default:
      process.stdout.write(HELP);
      return command && command !== 'help' && command !== '--help' ? 2 : 0;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (e: Error) => {
    log(e.message);
    process.exit(1);
  },
);
