import { StartupError, causeOf } from '#src/startup/startup-error.js';

/** the hosts of a MongoDB address, never its user or password */
export function hostsOf(uri: string): string {
  const afterScheme = uri.replace(/^[a-z+]+:\/\//i, '');
  const authority = afterScheme.split(/[/?]/)[0] ?? '';
  return authority.slice(authority.lastIndexOf('@') + 1) || 'the address in MONGODB_URI';
}

/** the cause in plain words, with the address's password blanked should the driver quote it */
function scrubbedCause(error: unknown, uri: string): string {
  const password = /^[a-z+]+:\/\/[^:@/]*:([^@/]+)@/i.exec(uri)?.[1];
  const cause = causeOf(error);
  return password ? cause.replaceAll(password, '***') : cause;
}

/** MONGODB_URI's server could not be used: why, in the operator's words */
export function databaseStartupError(error: unknown, uri: string, waitedSeconds: number): StartupError {
  const name = (error as { name?: string } | null)?.name ?? '';
  const code = (error as { code?: number } | null)?.code;
  const cause = scrubbedCause(error, uri);
  if (['MongoParseError', 'MongoAPIError', 'MongoRuntimeError', 'MongoInvalidArgumentError'].includes(name))
    return new StartupError(
      `MONGODB_URI is not a usable MongoDB address (${cause}): it looks like mongodb://user:password@host:27017/marketdesk`,
    );
  if (code === 18 || /auth/i.test(cause))
    return new StartupError(
      `the database at ${hostsOf(uri)} refused the user or password in MONGODB_URI (${cause}): check them`,
    );
  if (name === 'MongooseServerSelectionError' || name === 'MongoServerSelectionError')
    return new StartupError(
      `the database at ${hostsOf(uri)} did not answer within ${waitedSeconds} s (${cause}): check that MongoDB runs there and that MONGODB_URI is right`,
    );
  return new StartupError(`the database at ${hostsOf(uri)} could not be used (${cause}): check MONGODB_URI`);
}

export const embeddedDownloadError = (error: unknown) =>
  new StartupError(
    `the embedded MongoDB could not be downloaded (${causeOf(error)}): set MONGODB_URI to your MongoDB, or allow the download`,
  );

export const embeddedStartError = (error: unknown, dbPath: string) =>
  new StartupError(
    `the embedded MongoDB did not start on ${dbPath} (${causeOf(error)}): set MONGODB_URI to your MongoDB, or check that folder (free space, permissions, no other MongoDB using it)`,
  );
