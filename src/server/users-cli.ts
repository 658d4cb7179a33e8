/**
 * `npm run users -- <command>`: the people who sign in, for those who script their servers.
 *
 *   add EMAIL --role owner|member [--accounts all|ID,ID]   password asked (or read from stdin)
 *   list
 *   remove EMAIL
 *   reset-password EMAIL                                   password asked (or read from stdin)
 *
 * Works on the live store in DATA_DIR (default ./data), also while the server runs.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ApiError } from './api-errors';
import { hashPassword, passwordProblem } from './auth/passwords';
import { InsightsStore, STORE_FILE } from './store/insights-store';
import { LastOwnerError, UserExistsError } from './store/user-store';

const USAGE = `Usage: npm run users -- <command>
  add EMAIL --role owner|member [--accounts all|ID,ID]   adds a person (password asked, or read from stdin)
  list                                                   lists everyone who can sign in
  remove EMAIL                                           removes a person and ends their sessions
  reset-password EMAIL                                   sets a new password and ends their sessions`;

class UsageError extends Error {}

/** A password typed on the terminal without echo, twice; or the first line of stdin. */
async function readPassword(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) {
    const lines = createInterface({ input: process.stdin });
    for await (const line of lines) return line;
    throw new UsageError('No password on stdin: pipe one line with the password.');
  }
  const ask = (question: string) =>
    new Promise<string>((done) => {
      const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
      const output = rl as unknown as { _writeToOutput: (text: string) => void };
      process.stdout.write(question);
      output._writeToOutput = () => {};
      rl.question('', (answer) => {
        rl.close();
        process.stdout.write('\n');
        done(answer);
      });
    });
  const first = await ask(prompt);
  if ((await ask('Once more: ')) !== first) throw new UsageError('The two passwords differ.');
  return first;
}

const email = z.email({ error: 'EMAIL must be an email address, e.g. sam@example.com' });

export async function runUsersCommand(argv: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { role: { type: 'string' }, accounts: { type: 'string' } },
  });
  const [command, address] = positionals;
  const dataDir = resolve(env.DATA_DIR?.trim() || './data');
  const path = join(dataDir, STORE_FILE);
  if (!command) throw new UsageError(USAGE);
  if (command !== 'add' && !existsSync(path))
    throw new UsageError(`There is no store at ${path}: set DATA_DIR to the server's.`);
  const store = InsightsStore.open(path);
  try {
    const users = store.users;
    const find = () => {
      const parsed = email.safeParse(address?.trim().toLowerCase());
      if (!parsed.success) throw new UsageError(`${parsed.error.issues[0]?.message}\n\n${USAGE}`);
      return { email: parsed.data, user: users.findByEmail(parsed.data) };
    };
    const newPassword = async (forEmail: string) => {
      const password = await readPassword(`Password for ${forEmail}: `);
      const problem = passwordProblem(password, forEmail);
      if (problem) throw new UsageError(problem);
      return hashPassword(password);
    };
    switch (command) {
      case 'add': {
        const { email: address, user } = find();
        if (user) throw new UsageError(`${address} can sign in already.`);
        const role = values.role;
        if (role !== 'owner' && role !== 'member')
          throw new UsageError('--role must be owner or member, e.g. --role member');
        const accounts =
          !values.accounts || values.accounts === 'all' ? 'all' : values.accounts.split(',');
        if (accounts !== 'all' && !accounts.every((a) => /^\d{1,25}$/.test(a.trim())))
          throw new UsageError(
            '--accounts must be all or Instagram account ids, e.g. --accounts 1784,1785',
          );
        const passwordHash = await newPassword(address);
        users.create({
          id: randomUUID(),
          email: address,
          role,
          passwordHash,
          accounts: accounts === 'all' ? 'all' : accounts.map((a) => a.trim()),
          createdAt: new Date(),
        });
        return `Added ${address} (${role}).`;
      }
      case 'list': {
        const all = users.list();
        if (all.length === 0) return 'No one can sign in yet.';
        return all
          .map(
            (u) =>
              `${u.email}\t${u.role}\t${u.accounts === 'all' ? 'all accounts' : u.accounts.join(',')}${u.hasPassword ? '' : '\tinvited, no password yet'}`,
          )
          .join('\n');
      }
      case 'remove': {
        const { email: address, user } = find();
        if (!user) throw new UsageError(`No one signs in as ${address}.`);
        users.remove(user.id);
        return `Removed ${address}; their sessions have ended.`;
      }
      case 'reset-password': {
        const { email: address, user } = find();
        if (!user) throw new UsageError(`No one signs in as ${address}.`);
        users.setPassword(user.id, await newPassword(address));
        return `Set a new password for ${address}; their sessions have ended.`;
      }
      default:
        throw new UsageError(`Unknown command ${command}.\n\n${USAGE}`);
    }
  } catch (error) {
    if (error instanceof UserExistsError || error instanceof LastOwnerError)
      throw new UsageError(error.message);
    if (error instanceof ApiError) throw new UsageError(error.message);
    throw error;
  } finally {
    store.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  runUsersCommand(process.argv.slice(2), process.env).then(
    (text) => console.log(text),
    (error: unknown) => {
      console.error(error instanceof UsageError ? error.message : String(error));
      process.exit(error instanceof UsageError ? 2 : 1);
    },
  );
}
