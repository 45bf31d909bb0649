/** The run report's events: each in the reader's language, amounts in the chosen unit. */
import type { RunEvent, RunResult } from '../engine/types.js';
import { formatValue } from './format.js';
import { assertNever } from '../util/never.js';
import { Decimal } from '../util/money.js';
import type { Money } from '../util/fen.js';
import { FenCell } from './fenCell.js';
import type { Lang, TableSection, Unit } from './model.js';

/** The labels of the waterfall's states (normal, accelerated, default). */
export const STATE_LABEL: Record<string, { zh: string; en: string }> = {
  normal: { zh: '正常', en: 'normal' },
  accelerated: { zh: '加速清偿', en: 'accelerated' },
  default: { zh: '违约', en: 'default' },
};

const EVENT_TYPE: Record<RunEvent['type'], { zh: string; en: string }> = {
  default: { zh: '违约', en: 'default' },
  trigger: { zh: '触发事件', en: 'trigger' },
  stateChange: { zh: '分配顺序变更', en: 'waterfall' },
  reserveDraw: { zh: '储备金动用', en: 'reserve draw' },
  reserveRelease: { zh: '储备金释放', en: 'reserve release' },
  supportShortfall: { zh: '增信未足额', en: 'support short' },
  cleanUpCall: { zh: '清仓回购', en: 'clean-up call' },
  legalMaturity: { zh: '法定到期未清偿', en: 'legal maturity' },
};

/** An amount in words: grouped, in the chosen unit, with the unit's name (`43,875,000.00 CNY`, `4,387.50万元`). */
export function amountText(d: Money, lang: Lang, unit: Unit): string {
  return `${formatValue(new FenCell(d), 'money', { unit })}${unit === 'wan' ? (lang === 'zh' ? '万元' : ' (CNY 10k)') : lang === 'zh' ? '元' : ' CNY'}`;
}

/** An event in the reader's language, amounts in the chosen unit. */
export function eventText(e: RunEvent, lang: Lang, unit: Unit): string {
  const amt = (d: Money | undefined) => (d === undefined ? '' : amountText(d, lang, unit));
  const zh = lang === 'zh';
  switch (e.type) {
    case 'default':
      if (e.detail === 'pool') return zh ? `资产池违约 ${amt(e.amount)}` : `pool defaults ${amt(e.amount)}`;
      return zh
        ? `${e.id}（${e.name}）${e.detail === 'stopPaying' ? '停止付款' : '违约'}，未偿余额 ${amt(e.amount)}${e.fromStatus ? '（存续状态所载）' : ''}`
        : `${e.id} (${e.name}) ${e.detail === 'stopPaying' ? 'stops paying' : 'defaults'}: ${amt(e.amount)} outstanding${e.fromStatus ? ' (from the status)' : ''}`;
    case 'trigger':
      return zh ? `${e.name}（${e.id}）${e.detail === 'cured' ? '解除' : '触发'}` : `${e.name} (${e.id}) ${e.detail === 'cured' ? 'is cured' : 'fires'}`;
    case 'stateChange':
      return zh ? `转为${STATE_LABEL[e.detail ?? 'normal']?.zh ?? e.detail}分配顺序` : `waterfall switches to ${STATE_LABEL[e.detail ?? 'normal']?.en ?? e.detail}`;
    case 'reserveDraw':
      return zh
        ? `${e.name ?? e.id}支付 ${amt(e.amount)}，用于${e.detail === 'missedCollections' ? '弥补未按期回收款' : '弥补资金缺口'}`
        : `${e.name ?? e.id} pays ${amt(e.amount)} for ${e.detail === 'missedCollections' ? 'missed collections' : 'a shortfall'}`;
    case 'reserveRelease':
      return zh ? `${e.name ?? e.id}释放 ${amt(e.amount)}` : `${e.name ?? e.id} releases ${amt(e.amount)}`;
    case 'supportShortfall':
      return zh
        ? `${e.name ?? e.id}应付 ${amt(e.requested)}，实付 ${amt(e.amount)}（${e.detail === 'failed' ? '提供方未履约' : '已达上限'}）`
        : `${e.name ?? e.id} pays ${amt(e.amount)} of ${amt(e.requested)} asked (${e.detail === 'failed' ? 'the provider has failed' : 'its cap is reached'})`;
    case 'legalMaturity':
      return zh ? `${e.name}（${e.id}）于法定到期日仍有未偿本金 ${amt(e.amount)}` : `${e.name} (${e.id}) still owes ${amt(e.amount)} of principal on its legal maturity`;
    case 'cleanUpCall':
      return zh ? `资产池余额 ${amt(e.amount)} 低于初始余额的${new Decimal(e.detail ?? 0).times(100).toString()}%，清仓回购` : `pool balance ${amt(e.amount)} below ${new Decimal(e.detail ?? 0).times(100).toString()}% of the initial balance: clean-up call`;
    default:
      return assertNever(e.type, 'run event');
  }
}

/** Every event of the run, with its period, date and type. */
export function eventSection(r: RunResult, lang: Lang, unit: Unit): TableSection {
  return {
    type: 'table',
    id: 'events',
    title: { zh: '事件', en: 'Events' },
    columns: [
      { key: 'period', header: { zh: '期数', en: 'Period' }, kind: 'int' },
      { key: 'date', header: { zh: '日期', en: 'Date' }, kind: 'date' },
      { key: 'type', header: { zh: '类型', en: 'Type' }, kind: 'text' },
      { key: 'message', header: { zh: '说明', en: 'Message' }, kind: 'text' },
    ],
    rows: r.events.map((e) => ({ period: e.period, date: e.date, type: EVENT_TYPE[e.type][lang], message: eventText(e, lang, unit) })),
  };
}
