/**
 * npm run identity:create-admin -- --username <name> --name "<Họ và tên>" [--email …] [--unit VN] [--org front]
 * The first administrator of a new installation (or a rescue one): single sign-on is the only way in once the
 * development sign-in is off, so somebody with access to the server creates the first account here. The
 * password comes from ADMIN_PASSWORD or the first line of standard input (never from the command line, which
 * other users of the machine can read). The account must enrol TOTP at its first sign-in, like every
 * administrator; the creation is audited with this command as the actor.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { ORG_TYPES, type OrgType, type Principal } from '../../../core/auth/principal.ts';
import { ConfigError, loadConfig, loadDotEnv } from '../../../core/config.ts';
import { openDatabase } from '../../../core/db/database.ts';
import { migrate } from '../../../core/db/migrate.ts';
import { AppError } from '../../../core/http/errors.ts';
import { translate } from '../../../core/i18n/messages.ts';
import { loadReferenceUnits, unitsDb } from '../../units/index.ts';
import { createAccount } from '../accounts.service.ts';
import { registerIdentityMessages } from '../identity.messages.ts';

const { values } = parseArgs({
  options: {
    username: { type: 'string' },
    name: { type: 'string' },
    email: { type: 'string' },
    unit: { type: 'string', default: 'VN' },
    org: { type: 'string', default: 'front' },
  },
});
if (!values.username || !values.name) {
  console.error('Cần --username và --name (ví dụ: --username quantri --name "Nguyễn Văn A").');
  process.exit(64);
}
if (!(ORG_TYPES as readonly string[]).includes(values.org!)) {
  console.error(`--org phải là một trong: ${ORG_TYPES.join(', ')}`);
  process.exit(64);
}

async function readPassword(): Promise<string> {
  if (process.env.ADMIN_PASSWORD) return process.env.ADMIN_PASSWORD;
  if (process.stdin.isTTY) process.stderr.write('Mật khẩu (ít nhất 12 ký tự), rồi Enter: ');
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  return '';
}

loadDotEnv();
let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(err.message);
  process.exit(78);
}
registerIdentityMessages();
const password = await readPassword();
const operator: Principal = {
  accountId: 'cli:identity:create-admin',
  displayName: 'Quản trị viên máy chủ (dòng lệnh)',
  unitCode: 'VN',
  unitPath: 'vn',
  unitLevel: 'central',
  orgType: 'front',
  roles: ['admin'],
};
const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
try {
  await migrate(database.pool);
  await loadReferenceUnits(unitsDb(database.db));
  const account = await createAccount(database.db, config.publicUrl, operator, {
    displayName: values.name,
    username: values.username,
    email: values.email ?? null,
    unitCode: values.unit!,
    orgType: values.org as OrgType,
    roles: ['admin'],
    password,
  });
  console.log(
    `Đã tạo tài khoản quản trị "${account.username}" (${account.id}). Đăng nhập tại ${config.publicUrl}/dang-nhap`,
  );
} catch (err) {
  if (!(err instanceof AppError)) throw err;
  console.error(`${err.code}: ${translate(err.code, 'vi', err.params)}`);
  process.exitCode = 65;
} finally {
  await database.close();
}
