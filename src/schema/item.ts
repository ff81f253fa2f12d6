import * as z from 'zod';
import { basicCode, doc, duration, localId, nonEmptyText, tier } from './common.js';
import { ITEM_TYPE_WORDS, SERVICE_OBJECT_WORDS, zhNames } from './vocabulary.js';

export const ITEM_TYPES = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '20'] as const;
/** The Chinese name of each item type (schema/vocabulary.ts has both languages). */
export const ITEM_TYPE_NAMES: Readonly<Record<(typeof ITEM_TYPES)[number], string>> = zhNames(ITEM_TYPE_WORDS);
export const SERVICE_OBJECTS = ['1', '2', '3', '4', '5', '6', '9'] as const;
export const SERVICE_OBJECT_NAMES: Readonly<Record<(typeof SERVICE_OBJECTS)[number], string>> = zhNames(SERVICE_OBJECT_WORDS);

const legalBasis = doc(
  z.strictObject({
    title: doc(nonEmptyText, '法律法规名称', '设定依据的法律、法规或规章名称，如《中华人民共和国食品安全法》。'),
    article: doc(nonEmptyText, '条款', '条款号，如“第三十五条”。'),
    text: doc(nonEmptyText, '条款内容', '条款原文或忠实摘要。').optional(),
  }),
  '设定依据',
  '一项设定依据：法律法规名称、条款号和条款内容。',
);

const material = doc(
  z.strictObject({
    id: localId,
    name: doc(nonEmptyText, '材料名称', '申请材料名称。'),
    necessity: doc(z.enum(['required', 'conditional', 'optional']), '必要性', 'required 必要、conditional 容缺或情形必要、optional 非必要。'),
    condition: doc(nonEmptyText, '适用情形', '情形必要时提交该材料的具体情形。').optional(),
    forms: doc(z.array(z.enum(['paper', 'electronic'])).min(1), '材料形式', 'paper 纸质、electronic 电子。'),
    copies: doc(z.number().int().min(0).max(100), '份数', '纸质材料份数。').optional(),
    source: doc(z.enum(['applicant', 'government', 'intermediary']), '来源渠道', 'applicant 申请人自备、government 政府部门核发、intermediary 中介机构出具。'),
    eLicense: doc(z.boolean(), '电子证照', '可通过电子证照库调取，申请人无需重复提交。').optional(),
    note: doc(nonEmptyText, '备注', '填报说明或受理标准。').optional(),
  }),
  '申请材料',
  '一项申请材料。',
);

const step = doc(
  z.strictObject({
    id: localId,
    name: doc(nonEmptyText, '环节名称', '办理环节名称，如“受理”。'),
    role: doc(nonEmptyText, '办理人员', '办理该环节的岗位。').optional(),
    office: doc(nonEmptyText, '办理机构', '办理该环节的处室或窗口。').optional(),
    limit: duration.optional(),
    materials: doc(z.array(localId), '审核材料', '该环节审核的申请材料标识。').optional(),
    next: doc(z.array(localId).min(1), '下一环节', '下一环节的标识。').optional(),
    branches: doc(z.record(nonEmptyText, localId), '决定分支', '决定环节的分支：分支名称 → 环节标识。').optional(),
  }),
  '办理环节',
  '一个办理环节；决定环节用 branches 给出带名称的分支，终点环节不写 next 和 branches。',
);

const special = doc(
  z.strictObject({
    name: doc(nonEmptyText, '特殊程序名称', '如听证、专家评审、现场核查整改、公示。'),
    limit: duration,
    note: doc(nonEmptyText, '说明', '特殊程序说明。').optional(),
  }),
  '特殊程序',
  '不计入办理时限的特殊程序。',
);

const fee = doc(
  z.strictObject({
    name: doc(nonEmptyText, '收费项目', '收费项目名称。'),
    standard: doc(nonEmptyText, '收费标准', '收费标准，如“每立方米 0.2 元”。').optional(),
    basis: doc(nonEmptyText, '收费依据', '收费依据文件。').optional(),
    waivable: doc(z.boolean(), '可减免', '是否可依法减免。').optional(),
  }),
  '收费项目',
  '一项收费。',
);

const range = doc(
  z.strictObject({
    min: doc(z.number(), '下限', '区间下限（含）。').optional(),
    max: doc(z.number(), '上限', '区间上限（不含）。').optional(),
    unit: doc(nonEmptyText, '单位', '区间数值的单位。'),
    outcome: doc(nonEmptyText, '裁量结果', '落入该区间时的唯一结果。'),
  }),
  '裁量区间',
  '一个量化区间 [min, max) 及其结果。',
);

const criterion = doc(
  z
    .strictObject({
      id: localId,
      subject: doc(nonEmptyText, '裁量事项', '裁量所针对的情形。'),
      step: doc(localId, '适用环节', '适用的办理环节标识。').optional(),
      ranges: doc(z.array(range).min(1), '裁量区间', '量化区间，互不重叠、没有缺口。').optional(),
      rule: doc(nonEmptyText, '裁量规则', '量化的裁量规则。').optional(),
    })
    .refine((c) => (c.ranges === undefined) !== (c.rule === undefined), {
      message: 'exactly-one-of:ranges,rule',
    }),
  '自由裁量标准',
  '一条自由裁量标准：量化区间（ranges）或量化规则（rule），二者取一。',
);

/** The schema of one licensing item file (items/**\/*.yaml). */
export const itemSchema = doc(
  z.strictObject({
    code: basicCode,
    name: doc(nonEmptyText, '事项名称', '事项名称，全省统一。'),
    type: doc(z.enum(ITEM_TYPES), '事项类型', '事项类型代码：01 行政许可、02 行政处罚……20 公共服务。'),
    department: doc(z.string().regex(/^[a-z][a-z0-9-]*$/), '主管部门', 'departments.yaml 中的部门类别标识。'),
    levels: doc(z.array(tier).min(1), '行使层级', '由哪些层级的部门作出决定。'),
    acceptedAt: doc(z.array(tier), '就近受理', '哪些更低层级的大厅代上级部门受理申请。').optional(),
    serviceObjects: doc(
      z.array(z.enum(SERVICE_OBJECTS)).min(1),
      '服务对象',
      '1 自然人、2 企业法人、3 事业法人、4 社会组织法人、5 非法人企业、6 行政机关、9 其他组织。',
    ),
    handlingItems: doc(
      z
        .array(
          z.strictObject({
            suffix: doc(z.string().regex(/^\d{2}$/), '办理项代码', '2 位业务办理项代码，如 01 企业、02 个人。'),
            name: doc(nonEmptyText, '办理项名称', '业务办理项名称。'),
          }),
        )
        .min(1),
      '业务办理项',
      '分别办理的业务办理项，各有 33 位实施编码。',
    ).optional(),
    legalBasis: doc(z.array(legalBasis).min(1), '设定依据', '设定该事项的法律法规及条款。'),
    conditions: doc(z.array(doc(nonEmptyText, '受理条件', '一条明确的受理条件。')).min(1), '受理条件', '明确、可核查的受理条件，不含兜底条款。'),
    materials: doc(z.array(material), '申请材料', '申请材料清单。'),
    process: doc(
      z.strictObject({
        steps: doc(z.array(step).min(1), '办理环节', '办理环节，第一个为起点。'),
        special: doc(z.array(special), '特殊程序', '不计入办理时限的特殊程序。').optional(),
      }),
      '办理流程',
      '办理流程：环节及特殊程序。',
    ),
    timeLimit: doc(
      z.strictObject({
        statutory: doc(duration, '法定时限', '法律法规规定的办理时限。'),
        promised: doc(duration, '承诺时限', '全省统一的最长承诺时限，不得超过法定时限。'),
        note: doc(nonEmptyText, '时限说明', '时限的计算说明。').optional(),
      }),
      '办理时限',
      '法定时限和承诺时限。',
    ),
    fees: doc(z.array(fee), '收费标准', '收费项目；不收费写 []。'),
    result: doc(
      z.strictObject({
        type: doc(z.enum(['certificate', 'approval', 'filing', 'other']), '结果类型', 'certificate 证照、approval 批文、filing 备案、other 其他。'),
        name: doc(nonEmptyText, '结果名称', '办理结果名称，如“食品经营许可证”。'),
        eLicense: doc(z.boolean(), '电子证照', '结果是否生成电子证照。').optional(),
      }),
      '办理结果',
      '办理结果。',
    ),
    handling: doc(
      z.strictObject({
        kind: doc(z.enum(['instant', 'promised']), '办件类型', 'instant 即办件、promised 承诺件。'),
        visits: doc(z.number().int().min(0).max(10), '到办事现场次数', '申请人需到现场的次数。'),
        visitReason: doc(nonEmptyText, '到现场原因', '到现场次数大于 0 时必须说明原因。').optional(),
        onlineDepth: doc(z.number().int().min(1).max(4), '网上办理深度', '1 至 4 级，4 为全程网办。'),
        mobile: doc(z.boolean(), '移动端办理', '是否支持移动端办理。'),
        forms: doc(z.array(z.enum(['window', 'online', 'post'])).min(1), '办理形式', 'window 窗口办理、online 网上办理、post 快递申请。'),
        crossRegion: doc(z.enum(['none', 'city', 'province', 'national']), '通办范围', 'none 不通办、city 全市通办、province 全省通办、national 跨省通办。'),
      }),
      '办理方式',
      '办件类型、到现场次数、网上办理深度等。',
    ),
    criteria: doc(z.array(criterion), '自由裁量标准', '明确、量化的自由裁量标准。').optional(),
  }),
  '行政许可事项',
  '一个行政许可事项的标准化要素（十统一）。',
);

export type Item = z.infer<typeof itemSchema>;
export type Material = Item['materials'][number];
export type Step = Item['process']['steps'][number];
export type Criterion = NonNullable<Item['criteria']>[number];
