import { CHANGCHUN_PROBLEMS } from './demo.jilin.changchun.js';
import { GONGZHULING_PROBLEMS } from './demo.jilin.gongzhuling.js';
import { GROUP_6_PROBLEMS } from './demo.jilin.group6.js';
import { GROUPS_1_3_PROBLEMS } from './demo.jilin.groups13.js';
import { GROUPS_4_5_PROBLEMS } from './demo.jilin.groups45.js';
import {
  EXPERT2,
  EXPERT5,
  EXPERT6,
  G1,
  G2,
  G3,
  G4,
  G5,
  G6,
  JILIN_UNITS,
  JILIN_USERS,
  JL,
  OFFICE,
} from './demo.jilin.units.js';
import type { DemoCampaign, DemoGroup, DemoVisit } from './demo.types.js';

/** The seven places of seed 000: six cities and 梅河口市 (run by the province directly). */
export const JILIN_TARGETS = ['220100', '220200', '220300', '220400', '220700', '220800', '220581'];

/** 四个方面、三类问题、一张清单: six groups, one per department, covering the seven places. */
const GROUPS: DemoGroup[] = [
  {
    key: 'G1',
    name: '第一督导帮扶工作组（省自然资源厅牵头）',
    leadUnit: JL.natres,
    memberUnits: [JL.ecology],
    regionCodes: ['220400'],
    members: [
      { name: '赵永刚', title: '副厅长', unitName: JL.natres, memberRole: 'leader' },
      { name: '孙明', title: '国土空间生态修复处处长', unitName: JL.natres, login: G1, memberRole: 'member' },
      { name: '高志远', memberRole: 'expert', expertise: '矿山地质环境与生态修复' },
      { name: '李娜', title: '辽源市生态环境局办公室主任', memberRole: 'liaison' },
    ],
  },
  {
    key: 'G2',
    name: '第二督导帮扶工作组（省生态环境厅牵头）',
    leadUnit: JL.ecology,
    regionCodes: ['220100'],
    members: [
      { name: '陈立', title: '副厅长', unitName: JL.ecology, memberRole: 'leader' },
      { name: '王建国', title: '水生态环境处处长', unitName: JL.ecology, login: G2, memberRole: 'member' },
      {
        name: '刘文清',
        title: '研究员',
        unitName: JL.institute,
        login: EXPERT2,
        memberRole: 'expert',
        expertise: '水污染治理',
      },
      { name: '周晓', title: '长春市生态环境局科长', unitName: JL.ccBureau, memberRole: 'liaison' },
    ],
  },
  {
    key: 'G3',
    name: '第三督导帮扶工作组（省住房和城乡建设厅牵头）',
    leadUnit: JL.housing,
    memberUnits: [JL.ecology],
    regionCodes: ['220200'],
    members: [
      { name: '林海', title: '副厅长', unitName: JL.housing, memberRole: 'leader' },
      { name: '何丽', title: '城市建设处副处长', unitName: JL.housing, login: G3, memberRole: 'member' },
      { name: '马宁', title: '大气环境处干部', unitName: JL.ecology, memberRole: 'member' },
      { name: '曲振东', memberRole: 'expert', expertise: '城市排水与污水处理' },
    ],
  },
  {
    key: 'G4',
    name: '第四督导帮扶工作组（省水利厅牵头）',
    leadUnit: JL.water,
    memberUnits: [JL.ecology],
    regionCodes: ['220300'],
    members: [
      { name: '吴长江', title: '副厅长', unitName: JL.water, memberRole: 'leader' },
      { name: '邵宏伟', title: '河湖管理处处长', unitName: JL.water, login: G4, memberRole: 'member' },
      { name: '田野', memberRole: 'expert', expertise: '河流水环境综合治理' },
    ],
  },
  {
    key: 'G5',
    name: '第五督导帮扶工作组（省农业农村厅牵头）',
    leadUnit: JL.agri,
    memberUnits: [JL.ecology],
    regionCodes: ['220700'],
    members: [
      { name: '姜伟', title: '副厅长', unitName: JL.agri, memberRole: 'leader' },
      { name: '韦东', title: '农业生态与资源保护处处长', unitName: JL.agri, login: G5, memberRole: 'member' },
      {
        name: '杨春华',
        title: '研究员',
        unitName: JL.agriAcademy,
        login: EXPERT5,
        memberRole: 'expert',
        expertise: '农业面源污染与土壤修复',
      },
    ],
  },
  {
    key: 'G6',
    name: '第六督导帮扶工作组（省林业和草原局牵头）',
    leadUnit: JL.forest,
    memberUnits: [JL.ecology],
    regionCodes: ['220800', '220581'],
    members: [
      { name: '曹立军', title: '副局长', unitName: JL.forest, memberRole: 'leader' },
      { name: '冯雪', title: '自然保护地管理处处长', unitName: JL.forest, login: G6, memberRole: 'member' },
      {
        name: '郑海涛',
        title: '高级工程师',
        unitName: JL.institute,
        login: EXPERT6,
        memberRole: 'expert',
        expertise: '湿地与草原生态',
      },
    ],
  },
];

const VISITS: DemoVisit[] = [
  {
    key: 'V1',
    group: 'G2',
    on: '2020-08-06',
    as: G2,
    regionCode: '220184',
    place: '公主岭市范家屯镇',
    participants: ['陈立', '王建国', '刘文清', '公主岭市生态环境局局长'],
    summary: '听取公主岭市整改情况汇报，现场查看污水处理厂、新开河沿岸养殖场和镇区排水。',
    findings: [
      { text: '2座粮食烘干塔燃用散煤，未配套除尘设施', area: 'air' },
      { text: '镇区部分生活污水经排水沟直排新开河', area: 'water' },
    ],
  },
  {
    key: 'V2',
    group: 'G5',
    on: '2020-08-12',
    as: G5,
    regionCode: '220721',
    place: '查干湖国家级自然保护区',
    participants: ['姜伟', '韦东', '杨春华', '前郭县分管副县长'],
    summary: '现场核查保护区内违规设施拆除进度，走访周边农户。',
    findings: [
      { text: '旅游旺季景区旱厕粪污清运不及时', area: 'water' },
      { text: '湖区周边部分农田退水未经处理入湖', area: 'water' },
    ],
  },
  {
    key: 'V3',
    group: 'G6',
    on: '2020-08-18',
    as: G6,
    regionCode: '220821',
    place: '莫莫格国家级自然保护区核心区',
    participants: ['曹立军', '冯雪', '郑海涛', '镇赉县县长'],
    summary: '核查核心区违规设施拆除方案，提出避开鸟类迁徙期施工的要求。',
    findings: [{ text: '核心区观鸟平台和道路尚未开始拆除', area: 'ecology' }],
  },
  {
    key: 'V4',
    group: 'G2',
    on: '2020-12-22',
    as: G2,
    regionCode: '220113',
    place: '长春市九台区城中村',
    participants: ['王建国', '周晓'],
    summary: '供暖季回访清洁取暖改造成果。',
    findings: [{ text: '部分城中村居民重新使用散煤取暖', area: 'air' }],
  },
];

export const JILIN_2020: DemoCampaign = {
  setUpOn: '2020-07-28',
  createdBy: OFFICE,
  campaign: {
    name: '吉林省强化监督重点帮扶专项行动（示例数据）',
    level: 'provincial',
    kind: 'special_action',
    provinceCode: '220000',
    startsOn: '2020-07-30',
    endsOn: '2020-08-31',
    description:
      '示例数据（illustrative）：据2020年8月公开报道整理。省自然资源、生态环境、住建、水利、农业农村、林草6个部门成立督导帮扶工作组，' +
      '7月底至8月下旬深入长春市（含公主岭市）、吉林市、四平市、辽源市、松原市、白城市、梅河口市，围绕“四个方面、三类问题、一张清单”开展督导帮扶。' +
      '其中的问题、人员和进展均为虚构的示例。',
    targetRegionCodes: JILIN_TARGETS,
    areas: ['air', 'water', 'soil', 'ecology'],
    problemKinds: ['locality_difficulty', 'department_known', 'look_back_key'],
    settings: { planDueWorkingDays: 15, noticePeriod: { length: 7, unit: 'days' }, dispatchEvery: 'weekly' },
  },
  units: JILIN_UNITS,
  users: JILIN_USERS,
  groups: GROUPS,
  visits: VISITS,
  problems: [
    ...GONGZHULING_PROBLEMS,
    ...CHANGCHUN_PROBLEMS,
    ...GROUPS_1_3_PROBLEMS,
    ...GROUPS_4_5_PROBLEMS,
    ...GROUP_6_PROBLEMS,
  ],
  screenings: [],
  storyEndsOn: '2020-12-31',
};
