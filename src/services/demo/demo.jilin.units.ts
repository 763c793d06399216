import { demoAccount, GZL_BUREAU, JL_ECOLOGY, JL_INSTITUTE, JL_OFFICE } from './demo.accounts.js';
import type { DemoUnit, DemoUser } from './demo.types.js';

/** Units of the Jilin 2020 action (seed 000), by short key. Names as the ledger shows them. */
export const JL = {
  office: JL_OFFICE,
  natres: '吉林省自然资源厅',
  ecology: JL_ECOLOGY,
  housing: '吉林省住房和城乡建设厅',
  water: '吉林省水利厅',
  agri: '吉林省农业农村厅',
  forest: '吉林省林业和草原局',
  institute: JL_INSTITUTE,
  agriAcademy: '吉林省农业科学院',
  ccGov: '长春市人民政府',
  ccBureau: '长春市生态环境局',
  ccWater: '长春市水务局',
  naGov: '农安县人民政府',
  gzlGov: '公主岭市人民政府',
  gzlBureau: GZL_BUREAU,
  gzlAgri: '公主岭市农业农村局',
  jlcGov: '吉林市人民政府',
  jlcBureau: '吉林市生态环境局',
  jlcHousing: '吉林市住房和城乡建设局',
  spGov: '四平市人民政府',
  spBureau: '四平市生态环境局',
  slGov: '双辽市人民政府',
  lsGov: '梨树县人民政府',
  lyGov: '辽源市人民政府',
  lyBureau: '辽源市生态环境局',
  lyNatres: '辽源市自然资源局',
  dlGov: '东辽县人民政府',
  syGov: '松原市人民政府',
  syBureau: '松原市生态环境局',
  qgGov: '前郭尔罗斯蒙古族自治县人民政府',
  qaGov: '乾安县人民政府',
  bcGov: '白城市人民政府',
  bcBureau: '白城市生态环境局',
  bcForest: '白城市林业和草原局',
  zlGov: '镇赉县人民政府',
  tyGov: '通榆县人民政府',
  mhkGov: '梅河口市人民政府',
  mhkBureau: '梅河口市生态环境局',
} as const;

const unit = (name: string, kind: DemoUnit['kind'], regionCode: string, shortName?: string): DemoUnit => ({
  name,
  kind,
  regionCode,
  ...(shortName ? { shortName } : {}),
});

export const JILIN_UNITS: DemoUnit[] = [
  unit(JL.office, 'office', '220000', '省生态环境保护领导小组办公室'),
  unit(JL.natres, 'department', '220000', '省自然资源厅'),
  unit(JL.ecology, 'department', '220000', '省生态环境厅'),
  unit(JL.housing, 'department', '220000', '省住建厅'),
  unit(JL.water, 'department', '220000', '省水利厅'),
  unit(JL.agri, 'department', '220000', '省农业农村厅'),
  unit(JL.forest, 'department', '220000', '省林草局'),
  unit(JL.institute, 'other', '220000'),
  unit(JL.agriAcademy, 'other', '220000'),
  unit(JL.ccGov, 'government', '220100'),
  unit(JL.ccBureau, 'department', '220100'),
  unit(JL.ccWater, 'department', '220100'),
  unit(JL.naGov, 'government', '220122'),
  unit(JL.gzlGov, 'government', '220184'),
  unit(JL.gzlBureau, 'department', '220184'),
  unit(JL.gzlAgri, 'department', '220184'),
  unit(JL.jlcGov, 'government', '220200'),
  unit(JL.jlcBureau, 'department', '220200'),
  unit(JL.jlcHousing, 'department', '220200'),
  unit(JL.spGov, 'government', '220300'),
  unit(JL.spBureau, 'department', '220300'),
  unit(JL.slGov, 'government', '220382'),
  unit(JL.lsGov, 'government', '220322'),
  unit(JL.lyGov, 'government', '220400'),
  unit(JL.lyBureau, 'department', '220400'),
  unit(JL.lyNatres, 'department', '220400'),
  unit(JL.dlGov, 'government', '220422'),
  unit(JL.syGov, 'government', '220700'),
  unit(JL.syBureau, 'department', '220700'),
  unit(JL.qgGov, 'government', '220721', '前郭县人民政府'),
  unit(JL.qaGov, 'government', '220723'),
  unit(JL.bcGov, 'government', '220800'),
  unit(JL.bcBureau, 'department', '220800'),
  unit(JL.bcForest, 'department', '220800'),
  unit(JL.zlGov, 'government', '220821'),
  unit(JL.tyGov, 'government', '220822'),
  unit(JL.mhkGov, 'government', '220581'),
  unit(JL.mhkBureau, 'department', '220581'),
];

/** Logins the Jilin story acts with. */
export const OFFICE = 'jl-office';
export const G1 = 'jl-group1';
export const G2 = 'jl-group2';
export const G3 = 'jl-group3';
export const G4 = 'jl-group4';
export const G5 = 'jl-group5';
export const G6 = 'jl-group6';
export const EXPERT2 = 'jl-expert';
export const EXPERT5 = 'jl-expert5';
export const EXPERT6 = 'jl-expert6';

const staff = (login: string, unitName: string, displayName = `${unitName}经办人`): DemoUser => ({
  login,
  displayName,
  role: 'unit_staff',
  unitName,
});

const member = (login: string, displayName: string, unitName: string): DemoUser => ({
  login,
  displayName,
  role: 'group_member',
  unitName,
});

export const JILIN_USERS: DemoUser[] = [
  demoAccount('admin'),
  demoAccount(OFFICE),
  demoAccount(G2),
  demoAccount(EXPERT2),
  demoAccount('gzl-clerk'),
  demoAccount('viewer'),
  member(G1, '第一督导帮扶工作组 孙明', JL.natres),
  member(G3, '第三督导帮扶工作组 何丽', JL.housing),
  member(G4, '第四督导帮扶工作组 邵宏伟', JL.water),
  member(G5, '第五督导帮扶工作组 韦东', JL.agri),
  member(G6, '第六督导帮扶工作组 冯雪', JL.forest),
  { login: EXPERT5, displayName: '第五工作组专家 杨春华', role: 'expert', unitName: JL.agriAcademy },
  { login: EXPERT6, displayName: '第六工作组专家 郑海涛', role: 'expert', unitName: JL.institute },
  staff('cc-gov', JL.ccGov, '长春市政府督查室经办人'),
  staff('cc-water', JL.ccWater),
  staff('na-gov', JL.naGov),
  staff('gzl-gov', JL.gzlGov),
  staff('jlc-bureau', JL.jlcBureau),
  staff('jlc-housing', JL.jlcHousing),
  staff('sp-gov', JL.spGov),
  staff('sl-gov', JL.slGov),
  staff('ly-gov', JL.lyGov),
  staff('ly-natres', JL.lyNatres),
  staff('dl-gov', JL.dlGov),
  staff('sy-gov', JL.syGov),
  staff('qg-gov', JL.qgGov),
  staff('bc-gov', JL.bcGov),
  staff('bc-bureau', JL.bcBureau),
  staff('zl-gov', JL.zlGov),
  staff('ty-gov', JL.tyGov),
  staff('mhk-gov', JL.mhkGov),
  staff('mhk-bureau', JL.mhkBureau),
];
