import { demoAccount, HE_ECOLOGY, HE_OFFICE, SJZ_BUREAU } from './demo.accounts.js';
import type { DemoUnit, DemoUser } from './demo.types.js';

/** Units of the Hebei 2018 look-back rectification (seed 003), by short key. */
export const HE = {
  office: HE_OFFICE,
  ecology: HE_ECOLOGY,
  sjzGov: '石家庄市人民政府',
  sjzBureau: SJZ_BUREAU,
  sjzOffice: '石家庄市生态环境保护督察整改工作领导小组办公室',
  gcGov: '石家庄市藁城区人民政府',
  lqGov: '石家庄市鹿泉区人民政府',
  tsGov: '唐山市人民政府',
  tsBureau: '唐山市生态环境局',
  hdGov: '邯郸市人民政府',
  hdBureau: '邯郸市生态环境局',
  waGov: '武安市人民政府',
  bdGov: '保定市人民政府',
  bdBureau: '保定市生态环境局',
  qyGov: '保定市清苑区人民政府',
  czGov: '沧州市人民政府',
  czBureau: '沧州市生态环境局',
  czWater: '沧州市水务局',
} as const;

export const HEBEI_UNITS: DemoUnit[] = [
  { name: HE.office, kind: 'office', regionCode: '130000', shortName: '省督察整改办' },
  { name: HE.ecology, kind: 'department', regionCode: '130000', shortName: '省生态环境厅' },
  { name: HE.sjzGov, kind: 'government', regionCode: '130100' },
  { name: HE.sjzBureau, kind: 'department', regionCode: '130100' },
  { name: HE.sjzOffice, kind: 'office', regionCode: '130100', shortName: '石家庄市督察整改办' },
  { name: HE.gcGov, kind: 'government', regionCode: '130109', shortName: '藁城区人民政府' },
  { name: HE.lqGov, kind: 'government', regionCode: '130110', shortName: '鹿泉区人民政府' },
  { name: HE.tsGov, kind: 'government', regionCode: '130200' },
  { name: HE.tsBureau, kind: 'department', regionCode: '130200' },
  { name: HE.hdGov, kind: 'government', regionCode: '130400' },
  { name: HE.hdBureau, kind: 'department', regionCode: '130400' },
  { name: HE.waGov, kind: 'government', regionCode: '130481' },
  { name: HE.bdGov, kind: 'government', regionCode: '130600' },
  { name: HE.bdBureau, kind: 'department', regionCode: '130600' },
  { name: HE.qyGov, kind: 'government', regionCode: '130608', shortName: '清苑区人民政府' },
  { name: HE.czGov, kind: 'government', regionCode: '130900' },
  { name: HE.czBureau, kind: 'department', regionCode: '130900' },
  { name: HE.czWater, kind: 'department', regionCode: '130900' },
];

/** Logins the Hebei story acts with. */
export const HE_OFFICE_LOGIN = 'he-office';
export const HANDLER = 'he-handler';
export const SJZ_OFFICE = 'sjz-office';
export const SJZ_CLERK = 'sjz-clerk';

const staff = (login: string, unitName: string, displayName = `${unitName}经办人`): DemoUser => ({
  login,
  displayName,
  role: 'unit_staff',
  unitName,
});

export const HEBEI_USERS: DemoUser[] = [
  demoAccount(HE_OFFICE_LOGIN),
  demoAccount(HANDLER),
  demoAccount(SJZ_CLERK),
  { login: SJZ_OFFICE, displayName: '石家庄市督察整改办督办员', role: 'office', unitName: HE.sjzOffice },
  staff('gc-gov', HE.gcGov, '藁城区人民政府经办人'),
  staff('lq-gov', HE.lqGov, '鹿泉区人民政府经办人'),
  staff('ts-bureau', HE.tsBureau),
  staff('hd-bureau', HE.hdBureau),
  staff('wa-gov', HE.waGov),
  staff('bd-bureau', HE.bdBureau),
  staff('qy-gov', HE.qyGov, '清苑区人民政府经办人'),
  staff('cz-water', HE.czWater),
];

/** What every look-back finding and every transferred complaint share. */
export const lookBack = { source: 'central_look_back', problemKind: 'look_back_key' } as const;
export const complaint = {
  source: 'public_complaint',
  problemKind: 'complaint',
  complaintLinked: true,
} as const;
