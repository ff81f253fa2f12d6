import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { resolveLang } from '../i18n/lang.js';
import { UsageError } from '../diagnostics/usage-error.js';
import { checkCatalog } from '../pipeline/check-catalog.js';
import { scaffoldItem } from '../pipeline/scaffold-item.js';
import { PLACEHOLDER } from '../validate/placeholders.js';

/**
 * `licat new <department> [name]`: write a new item file under items/<department>/ with the next
 * free code of the department. `name` is the file's name when it is kebab-case ASCII, else the
 * item's (Chinese) name, the file then being named after the code. Never overwrites a file.
 */
export async function runNew(department: string, name: string | undefined, options: { catalog?: string; lang?: string }): Promise<number> {
  const lang = resolveLang(options.lang);
  const say = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  const dir = options.catalog ?? 'catalog';
  const cwd = process.cwd();
  const { catalog } = await checkCatalog(dir, cwd);
  const kinds = Object.keys(catalog.departments?.kinds ?? {});
  if (!catalog.departments)
    throw new UsageError(
      say(`${dir}/departments.yaml 无法读取，先运行 licat validate ${dir}`, `${dir}/departments.yaml does not load; run licat validate ${dir} first`),
    );
  if (!catalog.meta)
    throw new UsageError(
      say(`${dir}/catalog.yaml 无法读取，先运行 licat validate ${dir}`, `${dir}/catalog.yaml does not load; run licat validate ${dir} first`),
    );
  if (!kinds.includes(department)) {
    throw new UsageError(
      say(
        `未知的部门类别 ${department}；departments.yaml 中的部门类别有：${kinds.join('、')}`,
        `unknown department kind ${department}; the kinds in departments.yaml are: ${kinds.join(', ')}`,
      ),
    );
  }
  const fileName = name !== undefined && /^[a-z0-9][a-z0-9-]*$/.test(name) ? name : undefined;
  const own = catalog.items.filter((entry) => entry.item.department === department);
  const codes = [...catalog.items.map((entry) => entry.item.code), ...catalog.unloadedCodes];
  const schemaPath = await modelinePath(own[0]?.file, cwd);
  const { code, text } = scaffoldItem({
    department,
    province: catalog.meta.province,
    codes,
    departmentCodes: own.map((entry) => entry.item.code),
    name: fileName === undefined ? name : undefined,
    schemaPath,
  });
  const rel = `items/${department}/${fileName ?? `item-${code}`}.yaml`;
  const target = path.resolve(cwd, dir, rel);
  await mkdir(path.dirname(target), { recursive: true });
  // Written beside, then linked into place: link fails when the name exists, so nothing is ever overwritten.
  const temp = `${target}.${process.pid}.tmp`;
  await writeFile(temp, text, { flag: 'wx' });
  try {
    await link(temp, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new UsageError(
        say(`${path.join(dir, rel)} 已存在，不会覆盖；换一个名称`, `${path.join(dir, rel)} exists and is not overwritten; choose another name`),
      );
    }
    throw error;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  const shown = path.relative(cwd, target).split(path.sep).join('/');
  const count =
    text
      .split('\n')
      .filter((line) => !line.startsWith('#'))
      .join('\n')
      .split(PLACEHOLDER).length - 1;
  process.stdout.write(`${shown}\n`);
  process.stderr.write(
    `licat: ${say(`已创建 ${shown}（基本编码 ${code}）；填写其中 ${count} 处“${PLACEHOLDER}”后运行 licat validate ${dir}`, `created ${shown} (basic code ${code}); fill in its ${count} “${PLACEHOLDER}” places, then run licat validate ${dir}`)}\n`,
  );
  return 0;
}

/** The schema path of the modeline of an existing item of the department, so a new one points at the same file. */
async function modelinePath(file: string | undefined, cwd: string): Promise<string | undefined> {
  if (file === undefined) return undefined;
  const text = await readFile(path.resolve(cwd, file), 'utf8').catch(() => '');
  return /^# yaml-language-server: \$schema=(\S+)/.exec(text)?.[1];
}
