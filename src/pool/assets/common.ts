/**
 * What every asset type shares: the common fields of its schema (id, obligor, industry, IP …)
 * and how a tape writes them.
 */
import { z } from 'zod';
import { Amount, Assumed, Id, IsoDate, NonNegInt, Rate, Name, NameText, NoteText } from '../../fields/primitives.js';
import type { TapeFacet } from './model.js';

/** Kinds of intellectual property pledged, licensed or leased. */
export const IP_TYPES = ['invention', 'utilityModel', 'design', 'softwareCopyright', 'trademark', 'copyright', 'other'] as const;
export const IpType = z.enum(IP_TYPES);

export const IpRights = z
  .strictObject({
    types: z.array(IpType).min(1).meta({ description: 'Kinds of IP: invention 发明专利, utilityModel 实用新型, design 外观设计, softwareCopyright 软件著作权, trademark 商标, copyright 著作权.' }),
    count: NonNegInt.optional().meta({ description: 'Number of patents or rights (at most a million).' }),
    appraisedValue: Amount.optional().meta({ description: 'Appraised value (评估价值) in yuan.' }),
    description: NoteText.optional(),
  });

/** The fields every asset has, spread into each type's object schema. */
export const assetCommon = {
  id: Id,
  obligor: Name.meta({ description: 'Borrower 借款人 / licensee 被许可人 / lessee 承租人 / debtor 债务人.' }),
  obligorId: Id.optional().meta({ description: 'Groups contracts of one obligor; default: the obligor name.' }),
  industry: NameText.optional(),
  region: NameText.optional(),
  ip: IpRights.optional(),
  defaultProbability: Rate.optional().meta({ description: 'Probability that the obligor defaults over the asset’s remaining life (for Monte Carlo).' }),
  note: NoteText.optional(),
  assumed: Assumed,
};

export const DatedPrincipal = z.strictObject({ date: IsoDate, principal: Amount });
export const DatedAmount = z.strictObject({ date: IsoDate, amount: Amount });

/** Chinese names of the kinds of IP a tape may write. */
const CN_IP_TYPES: Record<string, string> = {
  发明专利: 'invention', 发明: 'invention', 实用新型: 'utilityModel', 实用新型专利: 'utilityModel',
  外观设计: 'design', 外观设计专利: 'design', 软件著作权: 'softwareCopyright', 计算机软件著作权: 'softwareCopyright',
  商标: 'trademark', 商标权: 'trademark', 注册商标: 'trademark', 著作权: 'copyright', 版权: 'copyright', 作品著作权: 'copyright', 其他: 'other',
};

/** How a tape writes the common fields. */
export const COMMON_TAPE: TapeFacet = {
  aliases: {
    编号: 'id', 资产编号: 'id', 贷款编号: 'id', 合同编号: 'id', 序号: 'id',
    借款人: 'obligor', 被许可人: 'obligor', 专利客户: 'obligor', 商标被许可人: 'obligor', 著作权被许可人: 'obligor', 承租人: 'obligor', 债务人: 'obligor', 义务人: 'obligor',
    借款人编号: 'obligorId', 债务人编号: 'obligorId',
    行业: 'industry', 所属行业: 'industry', 地区: 'region', 区域: 'region', 所在地区: 'region',
    知识产权类型: 'ip.types', 质押知识产权类型: 'ip.types', 质押物类型: 'ip.types', 许可专利类型: 'ip.types', 专利类型: 'ip.types',
    许可知识产权类型: 'ip.types', 许可商标类型: 'ip.types', 商标类型: 'ip.types', 著作权类型: 'ip.types', 知识产权种类: 'ip.types',
    知识产权数量: 'ip.count', 专利数量: 'ip.count', 商标数量: 'ip.count', 著作权数量: 'ip.count', 知识产权个数: 'ip.count', 专利件数: 'ip.count', 商标件数: 'ip.count', 评估价值: 'ip.appraisedValue',
    违约概率: 'defaultProbability', 累计违约概率: 'defaultProbability',
    备注: 'note',
  },
  values: { 'ip.types': CN_IP_TYPES },
  units: { amount: ['ip.appraisedValue'], rate: ['defaultProbability'], int: ['ip.count'] },
};
