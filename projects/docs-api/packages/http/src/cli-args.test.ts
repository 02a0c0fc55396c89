import { describe, expect, it } from 'vitest';
import { authServerFromEnv, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, parseDocsApiArgs, runDocsApi, USAGE, UsageError } from './cli.js';
import { runCli } from './testing/cli-run.js';

// The command line as data: what each argv parses to and which ones are usage errors (cli.test.ts runs the
// commands themselves against the real Postgres and Redis).

describe('parseDocsApiArgs', () => {
  it.each([
    [['migrate'], { name: 'migrate', direction: 'latest' }],
    [['migrate', 'latest'], { name: 'migrate', direction: 'latest' }],
    [['migrate', 'up'], { name: 'migrate', direction: 'up' }],
    [['migrate', 'down'], { name: 'migrate', direction: 'down' }],
    [['import', 'pages.ndjson'], { name: 'import', file: 'pages.ndjson' }],
    [['serve'], { name: 'serve' }],
    [['serve', '--port', '0'], { name: 'serve', port: 0 }],
    [['serve', '-p', '65535'], { name: 'serve', port: 65_535 }],
    [['serve', '--host', '0.0.0.0', '--port', '8080'], { name: 'serve', port: 8080, host: '0.0.0.0' }],
    [['auth-server'], { name: 'auth-server' }],
    [['auth-server', '--port', '0'], { name: 'auth-server', port: 0 }],
    [['help'], { name: 'help' }],
    [['--help'], { name: 'help' }],
    [['-h'], { name: 'help' }],
    [['serve', '--help'], { name: 'help' }],
  ])('%j parses to %j', (argv, command) => {
    expect(parseDocsApiArgs(argv)).toEqual(command);
  });

  it.each([
    [[], 'a command is required'],
    [['bogus'], 'unknown command "bogus"'],
    [['migrate', 'up', 'down'], 'migrate takes one direction'],
    [['migrate', 'sideways'], 'migrate direction must be latest, up or down, got "sideways"'],
    [['import'], 'import takes one NDJSON file'],
    [['import', 'a.ndjson', 'b.ndjson'], 'import takes one NDJSON file'],
    [['serve', 'now'], 'serve takes no arguments, got "now"'],
    [['serve', 'now', 'please'], 'serve takes no arguments, got "now please"'],
    [['serve', '--port', 'eighty'], '--port must be a port number (0–65535), got "eighty"'],
    [['serve', '--port', '65536'], '--port must be a port number (0–65535), got "65536"'],
    [['serve', '--port=-1'], '--port must be a port number (0–65535), got "-1"'],
    [['serve', '--port', '80x'], '--port must be a port number (0–65535), got "80x"'],
    [['serve', '--port', ''], '--port must be a port number (0–65535), got ""'],
    [['import', 'a.ndjson', '--port', '1'], '--port and --host are options of serve'],
    [['migrate', '--host', 'localhost'], '--port and --host are options of serve'],
    [['serve', '--nope'], "Unknown option '--nope'"],
    [['auth-server', 'now'], 'auth-server takes no arguments, got "now"'],
    [['auth-server', '--host', '0.0.0.0'], 'auth-server listens on 127.0.0.1 only'],
    [['auth-server', '--port', 'x'], '--port must be a port number (0–65535), got "x"'],
  ])('%j is a usage error: %s', (argv, message) => {
    expect(() => parseDocsApiArgs(argv)).toThrow(UsageError);
    expect(() => parseDocsApiArgs(argv)).toThrow(message);
  });
});


describe('runDocsApi', () => {
  it('help prints the usage on stdout and exits 0', async () => {
    expect(await runCli(['--help'], {})).toEqual({ code: EXIT_OK, stdout: `${USAGE}\n`, stderr: '' });
  });

  it.each([['eighty'], ['70000']])('serve with PORT=%s is a usage error before anything starts', async (port) => {
    const r = await runCli(['serve'], { DATABASE_URL: 'postgres://unused', PORT: port });
    expect(r).toEqual({ code: EXIT_USAGE, stdout: '', stderr: `docs-api: PORT must be a port number (0–65535), got "${port}"\n${USAGE}\n` });
  });
});

describe('authServerFromEnv', () => {
  it('leaves every unset variable to its default', async () => {
    expect(await authServerFromEnv({})).toEqual({});
  });

  it('reads the client, the audience, the account and the cookie keys', async () => {
    const env = {
      AUTH_CLIENT_ID: 'my-client',
      AUTH_REDIRECT_URI: 'http://127.0.0.1:9999/cb',
      AUTH_AUDIENCE: 'https://docs-api.example',
      AUTH_TEST_USER: 'ada',
      AUTH_TEST_PASSWORD: 'secret',
      AUTH_COOKIE_KEYS: 'one, two,',
    };
    expect(await authServerFromEnv(env)).toEqual({
      clientId: 'my-client',
      redirectUri: 'http://127.0.0.1:9999/cb',
      audience: 'https://docs-api.example',
      username: 'ada',
      password: 'secret',
      cookieKeys: ['one', 'two'],
    });
  });

  it('refuses a redirect URI that is not a URL, and a JWKS file that is missing: one line, exit 1', async () => {
    await expect(authServerFromEnv({ AUTH_REDIRECT_URI: 'callback' })).rejects.toThrow('AUTH_REDIRECT_URI is not a URL: "callback"');
    const r = await runCli(['auth-server', '--port', '0'], { AUTH_JWKS_FILE: '/nonexistent/jwks.json' });
    expect(r).toEqual({ code: EXIT_FAILURE, stdout: '', stderr: 'docs-api: AUTH_JWKS_FILE "/nonexistent/jwks.json" is not a readable JSON file\n' });
  });
});
