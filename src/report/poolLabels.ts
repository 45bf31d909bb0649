/**
 * How the pool report names a deal's pool, its obligors, its balance and its IP-type stratum:
 * by structure, by what a royalty pool licenses, and by the basis its balance is counted on.
 */
import type { LoadedDeal } from '../io/loadDeal.js';
import { ASSET_MODULES } from '../pool/registry.js';
import { lease, LEASE_PRINCIPAL_BALANCE } from '../pool/assets/lease.js';
import { licensedKind, ROYALTY_LABELS } from '../pool/assets/royalty.js';
import type { AssetLabels } from '../pool/assets/model.js';
import type { Label } from './model.js';

/**
 * Labels by the deal's structure: each asset type's from its module, a lease pool counted on
 * the lease principal, and a mixed pool.
 */
const MIXED: AssetLabels = {
  name: { zh: '混合资产', en: 'Mixed assets' },
  obligors: { zh: '债务人', en: 'obligors' },
  obligor: { zh: '债务人', en: 'obligor' },
  balance: { zh: '资产余额', en: 'Asset balance' },
  ipType: { zh: '知识产权类型', en: 'IP type' },
};
const LABELS: Record<string, AssetLabels> = {
  ...Object.fromEntries(ASSET_MODULES.map((m) => [m.type, m.labels])),
  leasePrincipal: { ...lease.labels, balance: LEASE_PRINCIPAL_BALANCE },
  mixed: MIXED,
};
/**
 * The labels of a deal's pool: its structure's, a lease pool counted on the lease principal, a
 * royalty pool by what it licenses (专利 / 商标 / 著作权 / mixed), and a balance on a basis
 * (royalties or receivables split into principal and income) named as principal.
 */
export function poolLabels(deal: LoadedDeal): AssetLabels {
  const structure = deal.spec.meta.structure;
  const principalBasis = deal.assets.some((a) => a.type === 'lease') && deal.assets.every((a) => a.type !== 'lease' || a.balanceBasis === 'principal');
  if (principalBasis) return LABELS['leasePrincipal']!;
  const royalties = deal.assets.filter((a) => a.type === 'royalty');
  const labels = structure === 'royalty' ? ROYALTY_LABELS[licensedKind(royalties.map((a) => a.ip?.types))] : LABELS[structure]!;
  const based = deal.assets.some((a) => (a.type === 'royalty' || a.type === 'receivable') && a.basis !== undefined);
  return based ? { ...labels, balance: BASIS_BALANCE[structure] ?? BASIS_BALANCE['mixed']! } : labels;
}

/** The pool balance on a basis: the principal still to amortise. */
const BASIS_BALANCE: Record<string, Label> = {
  royalty: { zh: '应收许可费本金余额', en: 'Royalty principal (basis)' },
  receivable: { zh: '应收账款本金余额', en: 'Receivable principal (basis)' },
  mixed: { zh: '资产本金余额', en: 'Asset principal balance' },
};

