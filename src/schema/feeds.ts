import { z } from 'zod';
import { basicCode, doc, duration, nonEmptyText, regionCode, tier, uscc } from './common.js';
import { ITEM_TYPES, itemSchema } from './item.js';

/** Version of the feed format; bumped only on a breaking change. */
export const FEED_VERSION = 1;

/** The `$id` of a published schema, which feeds name in their `$schema`. */
export function schemaUrl(file: string): string {
  return `https://licat.example/schemas/${file}`;
}

export const FEED_SCHEMA_FILES = {
  index: 'feed-index.schema.json',
  hall: 'hall-feed.schema.json',
  item: 'item-feed.schema.json',
  manifest: 'manifest.schema.json',
} as const;

/** The `$schema` member every feed carries: the `$id` of its published schema. */
function schemaRef(file: string) {
  return doc(z.literal(schemaUrl(file)), '数据格式', '本文件所依据的 JSON Schema（schemas/ 中发布）。');
}

const sha256 = doc(z.string().regex(/^[0-9a-f]{64}$/), 'SHA-256', '文件内容的 SHA-256，64 位小写十六进制。');
const distPath = doc(
  z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9._-]*(\/[A-Za-z0-9_][A-Za-z0-9._-]*)*$/),
  '文件路径',
  '相对于输出文件夹的路径，以 / 分隔。',
);
const version = doc(z.literal(FEED_VERSION), '格式版本', '数据格式的版本号。');
const buildTime = doc(z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/), '构建时间', '仅在构建时通过 --build-time 指定时出现（UTC，ISO 8601）。');
const catalogRef = doc(
  z.strictObject({
    id: doc(nonEmptyText, '目录标识', 'catalog.yaml 的 id。'),
    version: doc(nonEmptyText, '目录版本', 'catalog.yaml 的 version。'),
  }),
  '目录',
  '生成该文件的目录及其版本。',
);
const departmentKind = doc(z.string().regex(/^[a-z][a-z0-9-]*$/), '主管部门', 'departments.yaml 中的部门类别标识。');
const implementationCode = doc(
  z.string().regex(/^[0-9A-HJ-NPQRTUWXY]{18}[1-6]\d{12}(\d{2})?$/),
  '实施编码',
  '实施主体统一社会信用代码（18 位）+ 行使层级（1 位）+ 基本编码（12 位），分业务办理项时再加 2 位办理项代码。',
);

const body = doc(
  z.strictObject({
    region: regionCode,
    tier,
    name: doc(nonEmptyText, '实施主体名称', '作出决定的实施主体名称。'),
    uscc,
  }),
  '实施主体',
  '作出决定的实施主体：所在区划、层级、名称和统一社会信用代码。',
);

const offer = doc(
  z.strictObject({
    code: basicCode,
    name: doc(nonEmptyText, '事项名称', '事项名称（统一要素）。'),
    type: doc(z.enum(ITEM_TYPES), '事项类型', '事项类型代码。'),
    department: departmentKind,
    role: doc(
      z.enum(['decides', 'accepts']),
      '办理角色',
      'decides：本级实施主体作出决定；accepts：本大厅就近受理，由上级实施主体（body）作出决定。',
    ),
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
    feed: doc(distPath, '事项数据', '事项数据文件（含全部统一要素）的路径。'),
    sha256: doc(sha256, '事项数据摘要', '事项数据文件的 SHA-256。'),
  }),
  '大厅事项',
  '本大厅提供的一个事项；统一要素不在此重复，见 feed 所指的事项数据。',
);

/** The schema of dist/feeds/halls/<region>.json. */
export const hallFeedSchema = doc(
  z.strictObject({
    $schema: schemaRef(FEED_SCHEMA_FILES.hall),
    version,
    catalog: catalogRef,
    hall: doc(
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
    ),
    items: doc(z.array(offer), '事项', '本大厅提供的事项，按基本编码排序。'),
    notOffered: doc(
      z.array(
        z.strictObject({
          code: basicCode,
          name: doc(nonEmptyText, '事项名称', '事项名称。'),
          reason: doc(nonEmptyText, '原因', '本大厅不提供该事项的原因。'),
        }),
      ),
      '不提供的事项',
      '按规定应在本大厅提供、但本大厅文件声明不提供的事项及原因。',
    ),
  }),
  '大厅数据',
  '一个服务大厅提供的事项及本地信息，供各级门户使用。',
);
export type HallFeed = z.infer<typeof hallFeedSchema>;

/** The schema of dist/feeds/items/<code>.json. */
export const itemFeedSchema = doc(
  z.strictObject({
    $schema: schemaRef(FEED_SCHEMA_FILES.item),
    version,
    catalog: catalogRef,
    unified: doc(z.array(z.string()), '统一要素', '各级大厅不得改变的要素（catalog.yaml 的 unified）。'),
    item: itemSchema,
    halls: doc(
      z.strictObject({
        decides: doc(z.array(regionCode), '作出决定的大厅', '由本级实施主体作出决定的大厅区划代码，按代码排序。'),
        accepts: doc(z.array(regionCode), '就近受理的大厅', '代上级实施主体受理的大厅区划代码，按代码排序。'),
      }),
      '提供该事项的大厅',
      '按办理角色分组的大厅区划代码。',
    ),
  }),
  '事项数据',
  '一个事项的全部要素（含统一要素）及提供该事项的大厅。',
);
export type ItemFeed = z.infer<typeof itemFeedSchema>;

/** The schema of dist/feeds/index.json. */
export const feedIndexSchema = doc(
  z.strictObject({
    $schema: schemaRef(FEED_SCHEMA_FILES.index),
    version,
    catalog: catalogRef,
    buildTime: buildTime.optional(),
    halls: doc(
      z.array(
        z.strictObject({
          region: regionCode,
          tier,
          name: doc(nonEmptyText, '区划名称', '区划名称。'),
          parent: doc(regionCode.nullable(), '上级区划', '上级区划代码；省为 null。'),
          items: doc(z.number().int().min(0), '事项数', '本大厅提供的事项数。'),
          file: distPath,
          sha256,
        }),
      ),
      '大厅',
      '每一个大厅（各层级），按区划代码排序。',
    ),
  }),
  '大厅索引',
  '全部大厅数据文件的索引。',
);
export type FeedIndex = z.infer<typeof feedIndexSchema>;

/** The schema of dist/manifest.json. */
export const manifestSchema = doc(
  z.strictObject({
    $schema: schemaRef(FEED_SCHEMA_FILES.manifest),
    version,
    catalog: catalogRef,
    buildTime: buildTime.optional(),
    artifacts: doc(z.array(z.string()), '产物类别', '本次构建生成的产物类别（feeds、excel、flowcharts、guides）。'),
    files: doc(
      z.array(
        z.strictObject({
          path: distPath,
          size: doc(z.number().int().min(0), '字节数', '文件大小（字节）。'),
          sha256,
        }),
      ),
      '文件',
      '输出中除 manifest.json 外的每个文件，按路径排序。',
    ),
  }),
  '构建清单',
  '一次构建输出的全部文件及其摘要。',
);
export type Manifest = z.infer<typeof manifestSchema>;
