import { t } from '../../i18n/lang.js';
import type { Rule } from '../rule.js';
import { ruleSettingFindings } from './rule-settings.js';

/** Rules reported while reading and parsing files, before the catalog exists. */
export const loadStageRules: Rule[] = [
  {
    id: 'yaml-syntax',
    severity: 'error',
    description: t('YAML 语法错误，或文件过深、别名展开过多', 'YAML syntax error, or a file too deep or with too many alias expansions'),
  },
  { id: 'yaml-duplicate-key', severity: 'error', description: t('同一映射中出现重复的键', 'the same key twice in one mapping') },
  {
    id: 'file-encoding',
    severity: 'error',
    description: t('文件不是 UTF-8 编码（GBK、UTF-16 或含 NUL 字节）', 'the file is not UTF-8 (GBK, UTF-16 or NUL bytes)'),
  },
  { id: 'file-size', severity: 'error', description: t('文件超过大小上限', 'the file is over the size limit') },
  { id: 'file-type', severity: 'error', description: t('目录中的条目不是普通文件', 'a catalog entry is not a regular file') },
  { id: 'file-link', severity: 'error', description: t('符号链接指向目录之外或不存在的文件', 'a symbolic link leads outside the catalog or nowhere') },
  {
    id: 'schema',
    severity: 'error',
    description: t(
      '文件不符合其 JSON Schema（缺少字段、未知字段、类型或格式错误）',
      'the file does not match its JSON Schema (missing or unknown key, wrong type or format)',
    ),
    check: ruleSettingFindings,
  },
];

/** A failure inside licat itself, reported with exit code 2. */
export const internalRule: Rule = {
  id: 'internal',
  severity: 'error',
  description: t('licat 内部错误（请报告）', 'an internal error in licat (please report it)'),
};
