import * as z from 'zod';
import { basicCode, doc, duration, nonEmptyText, regionCode, tier, uscc } from './common.js';
import { ITEM_TYPES, itemSchema } from './item.js';

/** Version of the feed format; bumped only on a breaking change. */
export const FEED_VERSION = 2;

/** The schema file of every JSON file kind of the output, by kind. */
export const FEED_SCHEMA_FILES = {
  index: 'feed-index.schema.json',
  hallIndex: 'hall-index.schema.json',
  itemIndex: 'item-index.schema.json',
  hall: 'hall-feed.schema.json',
  item: 'item-feed.schema.json',
  tier: 'tier-bundle.schema.json',
  labels: 'code-labels.schema.json',
  departments: 'department-codes.schema.json',
  regions: 'region-codes.schema.json',
  changes: 'changes.schema.json',
  manifest: 'manifest.schema.json',
  manifestPage: 'manifest-page.schema.json',
} as const;

/** A JSON file kind of the output. */
export type FeedKind = keyof typeof FEED_SCHEMA_FILES;

/**
 * The `$schema` a file at output path `rel` names for `kind`: `<baseUrl>/schemas/<file>` with a
 * base URL, else the relative path from the file to `schemas/<file>`, so that a copied output
 * folder validates offline.
 * @example schemaRef('hall', 'feeds/halls/440106.json') // '../../schemas/hall-feed.schema.json'
 */
export function schemaRef(kind: FeedKind, rel: string, baseUrl?: string): string {
  const file = FEED_SCHEMA_FILES[kind];
  if (baseUrl) return `${baseUrl.replace(/\/+$/, '')}/schemas/${file}`;
  const depth = rel.split('/').length - 1;
  return `${'../'.repeat(depth)}schemas/${file}`;
}

const $schema = doc(nonEmptyText, '数据格式', '本文件所依据的 JSON Schema（输出的 schemas/ 中发布）。');
const sha256 = doc(z.string().regex(/^[0-9a-f]{64}$/), 'SHA-256', '文件内容的 SHA-256，64 位小写十六进制。');
const distPath = doc(z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9._-]*(\/[A-Za-z0-9_][A-Za-z0-9._-]*)*$/), '文件路径', '相对于输出文件夹的路径，以 / 分隔。');
const version = doc(z.literal(FEED_VERSION), '格式版本', '数据格式的版本号。');
const buildTime = doc(
  z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
  '构建时间',
  '仅在构建时通过 --build-time 指定时出现（UTC，ISO 8601）。',
);
const catalogRef = doc(
  z.strictObject({
    id: doc(nonEmptyText, '目录标识', 'catalog.yaml 的 id。'),
    version: doc(nonEmptyText, '目录版本', 'catalog.yaml 的 version。'),
  }),
  '目录',
  '生成该输出的目录及其版本。',
);
const departmentKind = doc(z.string().regex(/^[a-z][a-z0-9-]*$/), '主管部门', 'departments.yaml 中的部门类别标识（codes/departments.json）。');
const implementationCode = doc(
  z.string().regex(/^[0-9A-HJ-NPQRTUWXY]{18}[1-6]\d{12}(\d{2})?$/),
  '实施编码',
  '实施主体统一社会信用代码（18 位）+ 行使层级（1 位）+ 基本编码（12 位），分业务办理项时再加 2 位办理项代码。',
);
const unified = doc(z.array(z.string()), '统一要素', '各级大厅不得改变的要素（catalog.yaml 的 unified）。');
const count = (title: string, description: string) => doc(z.number().int().min(0), title, description);
const fileEntry = z.strictObject({ path: distPath, size: count('字节数', '文件大小（字节）。'), sha256 });

const body = doc(
  z.strictObject({ region: regionCode, tier, name: doc(nonEmptyText, '实施主体名称', '作出决定的实施主体名称。'), uscc }),
  '实施主体',
  '作出决定的实施主体：所在区划、层级、名称和统一社会信用代码。',
);

const offer = doc(
  z.strictObject({
    code: basicCode,
    role: doc(z.enum(['decides', 'accepts']), '办理角色', 'decides：本级实施主体作出决定；accepts：本大厅就近受理，由上级实施主体（body）作出决定。'),
    body,
    exercises: doc(tier, '行使的层级权力', '与实施主体自身层级不同时出现：无县级的地级市（东莞、中山）由市级部门行使县级权力，为 county。').optional(),
    implementationCodes: doc(
      z
        .array(
          z.strictObject({
            code: implementationCode,
            handlingItem: doc(
              z.strictObject({
                suffix: doc(z.string().regex(/^\d{2}$/), '办理项代码', '2 位业务办理项代码。'),
                name: doc(nonEmptyText, '办理项名称', '业务办理项名称。'),
              }),
              '业务办理项',
              '该实施编码对应的业务办理项。',
            ).optional(),
          }),
        )
        .min(1),
      '实施编码',
      '该事项在本大厅的实施编码；分业务办理项时每项一个。',
    ),
    window: doc(nonEmptyText, '办理窗口', '本大厅办理该事项的窗口。').optional(),
    localPromised: doc(duration, '本地承诺时限', '本大厅比全省统一承诺时限更短的承诺时限。').optional(),
    note: doc(nonEmptyText, '本地说明', '本大厅的说明。').optional(),
  }),
  '大厅事项',
  '本大厅提供的一个事项（一项实施）；事项的要素见 items 所指的层级事项包或 feeds/items/<code>.json。',
);

const hallFacts = doc(
  z.strictObject({
    region: regionCode,
    tier,
    name: doc(nonEmptyText, '区划名称', '区划名称。'),
    parent: doc(regionCode.nullable(), '上级区划', '上级区划代码；省为 null。'),
    hallName: doc(nonEmptyText, '大厅名称', '服务大厅名称（来自大厅文件）。').optional(),
    address: doc(nonEmptyText, '地址', '大厅地址。').optional(),
    hours: doc(nonEmptyText, '办公时间', '办公时间。').optional(),
    phone: doc(nonEmptyText, '咨询电话', '咨询电话。').optional(),
    complaintPhone: doc(nonEmptyText, '投诉电话', '投诉电话。').optional(),
    windows: doc(z.array(nonEmptyText), '窗口', '窗口设置。').optional(),
  }),
  '服务大厅',
  '大厅所在区划及本地信息。',
);

/** The schema of dist/feeds/halls/<region>.json. */
export const hallFeedSchema = doc(
  z.strictObject({
    $schema,
    version,
    hall: hallFacts,
    items: doc(distPath, '层级事项包', '本层级大厅所提供事项的全部要素（feeds/tiers/<tier>.json）。'),
    offers: doc(z.array(offer), '提供的事项', '本大厅提供的事项，按基本编码排序。'),
    notOffered: doc(
      z.array(z.strictObject({ code: basicCode, reason: doc(nonEmptyText, '原因', '本大厅不提供该事项的原因。') })),
      '不提供的事项',
      '按规定应在本大厅提供、但本大厅文件声明不提供的事项及原因。',
    ),
  }),
  '大厅数据',
  '一个服务大厅及其提供的事项（实施信息），供各级门户使用。',
);
export type HallFeed = z.infer<typeof hallFeedSchema>;
export type HallOffer = HallFeed['offers'][number];

/** The schema of dist/feeds/items/<code>.json. */
export const itemFeedSchema = doc(z.strictObject({ $schema, version, unified, item: itemSchema }), '事项数据', '一个事项的全部要素（含统一要素）。');
export type ItemFeed = z.infer<typeof itemFeedSchema>;

/** The schema of dist/feeds/tiers/<tier>.json. */
export const tierBundleSchema = doc(
  z.strictObject({
    $schema,
    version,
    tier,
    unified,
    items: doc(z.array(itemSchema), '事项', '本层级至少一个大厅提供的每个事项的全部要素，按基本编码排序。'),
  }),
  '层级事项包',
  '一个层级的大厅所提供事项的全部要素：大厅页面用大厅数据加本文件即可展示全部内容。',
);
export type TierBundle = z.infer<typeof tierBundleSchema>;

/** The schema of dist/feeds/index.json. */
export const feedIndexSchema = doc(
  z.strictObject({
    $schema,
    version,
    catalog: catalogRef,
    buildTime: buildTime.optional(),
    counts: doc(
      z.strictObject({ halls: count('大厅数', '大厅数。'), items: count('事项数', '事项数。'), offerings: count('实施数', '全部大厅提供事项的总数。') }),
      '数量',
      '大厅、事项和实施的数量。',
    ),
    tiers: doc(
      z.array(z.strictObject({ tier, file: distPath, halls: count('大厅数', '该层级的大厅数。'), items: count('事项数', '层级事项包中的事项数。') })),
      '层级事项包',
      '每个层级的事项包。',
    ),
    halls: doc(
      z.array(
        z.strictObject({
          city: regionCode,
          name: doc(nonEmptyText, '区划名称', '地级市名称（省级大厅为省）。'),
          file: distPath,
          halls: count('大厅数', '该页的大厅数。'),
        }),
      ),
      '大厅索引分页',
      '按地级市分页的大厅索引（省级大厅在省的一页）。',
    ),
    items: doc(
      z.array(z.strictObject({ department: departmentKind, file: distPath, items: count('事项数', '该页的事项数。') })),
      '事项索引分页',
      '按主管部门分页的事项索引。',
    ),
    codes: doc(z.strictObject({ labels: distPath, departments: distPath, regions: distPath }), '代码表', '代码表文件。'),
  }),
  '数据索引',
  '门户数据的入口：目录版本、数量和各分页。',
);
export type FeedIndex = z.infer<typeof feedIndexSchema>;

const hallIndexEntry = z.strictObject({
  region: regionCode,
  tier,
  name: doc(nonEmptyText, '区划名称', '区划名称。'),
  parent: doc(regionCode.nullable(), '上级区划', '上级区划代码；省为 null。'),
  items: count('事项数', '本大厅提供的事项数。'),
  file: distPath,
});
export type HallIndexEntry = z.infer<typeof hallIndexEntry>;

/** The schema of dist/feeds/index/halls/<city>.json. */
export const hallIndexSchema = doc(
  z.strictObject({ $schema, version, city: regionCode, halls: doc(z.array(hallIndexEntry), '大厅', '该市（或省级）的大厅，按区划代码排序。') }),
  '大厅索引页',
  '一个地级市的全部大厅。',
);
export type HallIndexPage = z.infer<typeof hallIndexSchema>;

/** The schema of dist/feeds/index/items/<department>.json. */
export const itemIndexSchema = doc(
  z.strictObject({
    $schema,
    version,
    department: departmentKind,
    items: doc(
      z.array(
        z.strictObject({
          code: basicCode,
          name: doc(nonEmptyText, '事项名称', '事项名称。'),
          type: doc(z.enum(ITEM_TYPES), '事项类型', '事项类型代码。'),
          levels: doc(z.array(tier), '行使层级', '作出决定的层级。'),
          acceptedAt: doc(z.array(tier), '就近受理', '代上级受理的层级。'),
          file: distPath,
        }),
      ),
      '事项',
      '该部门的事项，按基本编码排序。',
    ),
  }),
  '事项索引页',
  '一个主管部门的全部事项。',
);
export type ItemIndexPage = z.infer<typeof itemIndexSchema>;

const label = z.strictObject({
  code: doc(nonEmptyText, '代码', '代码值，与各数据文件中出现的值相同。'),
  zh: doc(nonEmptyText, '中文名称', '中文名称。'),
  en: doc(nonEmptyText, '英文名称', '英文名称。'),
});

/** The schema of dist/codes/labels.json. */
export const codeLabelsSchema = doc(
  z.strictObject({ $schema, version, lists: doc(z.record(z.string(), z.array(label)), '代码表', '代码表名称 → 代码及其中英文名称。') }),
  '代码表',
  '各数据文件中出现的代码及其中英文名称。',
);
export type CodeLabels = z.infer<typeof codeLabelsSchema>;

/** The schema of dist/codes/departments.json. */
export const departmentCodesSchema = doc(
  z.strictObject({
    $schema,
    version,
    kinds: doc(
      z.array(
        label.extend({
          bodies: doc(
            z.array(z.strictObject({ region: regionCode, name: doc(nonEmptyText, '实施主体名称', '实施主体名称。'), uscc })),
            '实施主体',
            '该类部门在各区划的实施主体，按区划代码排序。',
          ),
        }),
      ),
      '部门类别',
      '部门类别及其各区划的实施主体。',
    ),
  }),
  '部门代码表',
  '部门类别及其实施主体。',
);
export type DepartmentCodes = z.infer<typeof departmentCodesSchema>;

export interface RegionNode {
  code: string;
  name: string;
  tier: z.infer<typeof tier>;
  children?: RegionNode[];
}
const regionNode: z.ZodType<RegionNode> = z.lazy(() =>
  z.strictObject({ code: regionCode, name: nonEmptyText, tier, children: z.array(regionNode).optional() }),
);

/** The schema of dist/codes/regions.json and dist/codes/regions/<city>.json. */
export const regionCodesSchema = doc(
  z.strictObject({
    $schema,
    version,
    city: doc(regionCode, '地级市', '分页所属的地级市；根文件没有。').optional(),
    regions: doc(z.array(regionNode), '区划', '区划树：根文件到县级，各市分页含其镇、村。'),
    pages: doc(z.array(z.strictObject({ city: regionCode, file: distPath })), '分页', '各地级市的镇村区划分页（仅根文件）。').optional(),
  }),
  '区划代码表',
  '行政区划树。',
);
export type RegionCodes = z.infer<typeof regionCodesSchema>;

/** The schema of dist/changes.json. */
export const changesSchema = doc(
  z.strictObject({
    $schema,
    version,
    from: doc(nonEmptyText.nullable(), '上次版本', '比较的上一次构建的目录版本；没有上一次构建时为 null（全部记录为 add）。'),
    to: doc(nonEmptyText, '本次版本', '本次构建的目录版本。'),
    records: doc(
      z.array(
        z.strictObject({
          kind: doc(z.enum(['item', 'hall', 'offering']), '类别', 'item 事项数据；hall 大厅数据（不含 offers）；offering 大厅提供的一个事项。'),
          key: doc(nonEmptyText, '键', 'item：基本编码；hall：区划代码；offering：区划代码/基本编码。'),
          operation: doc(z.enum(['add', 'update', 'delete']), '操作', '新增、更新或删除。'),
        }),
      ),
      '变更记录',
      '按类别、键排序。',
    ),
  }),
  '变更记录',
  '与上一次构建相比的变更记录。',
);
export type ChangesFeed = z.infer<typeof changesSchema>;
export type ChangeRecord = ChangesFeed['records'][number];

/** The schema of dist/manifest.json. */
export const manifestSchema = doc(
  z.strictObject({
    $schema,
    version,
    catalog: catalogRef,
    buildTime: buildTime.optional(),
    artifacts: doc(z.array(z.string()), '产物类别', '本次构建生成的产物类别。'),
    count: count('文件数', '输出中除清单本身（manifest.json 和 manifest/）外的文件数。'),
    files: doc(z.array(fileEntry), '顶层文件', '输出文件夹顶层的文件（changes.json、openapi.json 等），按路径排序。'),
    pages: doc(
      z.array(z.strictObject({ path: distPath, files: count('文件数', '该页列出的文件数。'), size: count('字节数', '该页的大小。'), sha256 })),
      '清单分页',
      '清单各页，每页列出一组文件的大小和摘要。',
    ),
  }),
  '构建清单',
  '一次构建输出的全部文件（分页列出）。',
);
export type Manifest = z.infer<typeof manifestSchema>;

/** The schema of dist/manifest/<page>.json. */
export const manifestPageSchema = doc(
  z.strictObject({ $schema, version, files: doc(z.array(fileEntry), '文件', '文件及其大小和 SHA-256，按路径排序。') }),
  '清单页',
  '构建清单的一页。',
);
export type ManifestPage = z.infer<typeof manifestPageSchema>;

/** Every output file kind with its zod schema, in publishing order. */
export const FEED_SCHEMAS: ReadonlyArray<[FeedKind, z.ZodType]> = [
  ['index', feedIndexSchema],
  ['hallIndex', hallIndexSchema],
  ['itemIndex', itemIndexSchema],
  ['hall', hallFeedSchema],
  ['item', itemFeedSchema],
  ['tier', tierBundleSchema],
  ['labels', codeLabelsSchema],
  ['departments', departmentCodesSchema],
  ['regions', regionCodesSchema],
  ['changes', changesSchema],
  ['manifest', manifestSchema],
  ['manifestPage', manifestPageSchema],
];
