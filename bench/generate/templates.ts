import type { Rng } from './random.js';

/** Per-area Chinese text: a problem title, a description and what rectification says. */
interface AreaTemplates {
  subAreas: readonly string[];
  subjects: readonly string[];
  issues: readonly string[];
  causes: readonly string[];
  measures: readonly string[];
}

export const AREA_TEMPLATES: Readonly<Record<string, AreaTemplates>> = {
  air: {
    subAreas: ['scattered_polluting', 'vehicles_fuel', 'coal_heating'],
    subjects: [
      '铸造企业',
      '砖瓦窑厂',
      '水泥粉磨站',
      '燃煤锅炉',
      '露天矿场',
      '加油站',
      '搅拌站',
      '散煤经营点',
    ],
    issues: [
      '无组织排放粉尘，周边群众反映强烈',
      '废气治理设施未正常运行，超标排放',
      '未完成燃煤锅炉淘汰任务',
      '劣质散煤流入城乡结合部',
      '挥发性有机物收集处理不到位',
      '秸秆露天焚烧屡禁不止',
    ],
    causes: ['企业主体责任落实不到位', '属地监管存在盲区', '治理设施老化且维护不足', '部门联动机制不健全'],
    measures: ['安装在线监测设备', '实施密闭化改造', '依法关停取缔', '开展专项执法检查', '完成清洁能源替代'],
  },
  water: {
    subAreas: ['river_quality', 'sludge', 'groundwater', 'black_odorous'],
    subjects: ['污水处理厂', '入河排污口', '城市内河', '工业园区', '畜禽养殖场', '饮用水水源地'],
    issues: [
      '污水直排入河，水体黑臭',
      '配套管网建设滞后，污水收集率低',
      '污泥随意堆放，未规范处置',
      '地下水超采问题未得到有效遏制',
      '断面水质长期不达标',
      '保护区内存在违规建设项目',
    ],
    causes: ['基础设施欠账较多', '雨污分流改造进度缓慢', '日常巡查流于形式', '资金保障不到位'],
    measures: [
      '完成截污纳管工程',
      '实施清淤疏浚',
      '建设污泥无害化处置设施',
      '关闭违规取水井',
      '开展生态补水',
    ],
  },
  soil: {
    subAreas: ['contaminated_land', 'solid_waste'],
    subjects: ['化工企业旧址', '垃圾填埋场', '尾矿库', '危险废物贮存点', '工业固废堆场', '农用地'],
    issues: [
      '污染地块未经调查评估即开发利用',
      '渗滤液处理不达标，存在渗漏风险',
      '危险废物超期贮存，台账管理混乱',
      '固体废物非法倾倒，堆存量大',
      '重金属污染风险管控措施落实不到位',
    ],
    causes: ['历史遗留问题复杂', '监管责任划分不清', '企业环境意识淡薄', '风险排查不彻底'],
    measures: ['开展土壤污染状况调查', '实施风险管控和修复', '清运并规范处置固废', '完善防渗和导排设施'],
  },
  ecology: {
    subAreas: ['mines', 'nature_reserves', 'wetlands_grassland'],
    subjects: ['自然保护区', '采石场', '湿地公园', '草原', '废弃矿山', '风景名胜区'],
    issues: [
      '违规侵占林地草地，生态破坏严重',
      '矿山生态修复进度滞后',
      '保护区核心区内存在旅游开发项目',
      '湿地被围垦养殖，面积萎缩',
      '违规采砂破坏河道生态',
    ],
    causes: ['重开发轻保护', '审批把关不严', '生态修复投入不足', '执法力度偏软'],
    measures: ['拆除违规建筑并复绿', '实施矿山地质环境治理', '退养还湿', '加强巡护执法', '补植补造'],
  },
};

export const AREAS = Object.keys(AREA_TEMPLATES);

const OWNERS = ['王建国', '李明', '张伟', '刘洋', '陈静', '杨帆', '赵磊', '黄丽', '周强', '吴敏'];
export const pickOwner = (rng: Rng) => rng.pick(OWNERS);

/** Title and description for a problem in a place (county name and a village or site name). */
export function problemText(rng: Rng, area: string, place: string) {
  const t = AREA_TEMPLATES[area]!;
  const subject = rng.pick(t.subjects);
  const issue = rng.pick(t.issues);
  const site = `${rng.pick(['东', '西', '南', '北', '新', '老'])}${rng.pick(['山', '河', '湖', '岗', '营', '屯'])}${rng.pick(['村', '镇', '社区', '工业园'])}`;
  const title = `${place}${site}${subject}${issue.split('，')[0]}`;
  const description =
    `群众反映及督察组现场检查发现：${place}${site}${subject}${issue}。` +
    `经核实，${rng.pick(t.causes)}，${rng.pick(t.causes)}。` +
    `该问题已持续${rng.int(1, 8)}年，涉及面积约${rng.int(2, 900)}亩，` +
    `要求${place}人民政府督促责任单位限期整改，并举一反三开展排查。`;
  return { title, description, subArea: rng.pick(t.subAreas) };
}

export const measureText = (rng: Rng, area: string) => rng.pick(AREA_TEMPLATES[area]!.measures);
export const causeText = (rng: Rng, area: string) => rng.pick(AREA_TEMPLATES[area]!.causes);

export const PROGRESS_TEXTS = [
  '已完成现场排查，制定整改台账',
  '整改工程已开工，完成总工程量的三成',
  '主体工程基本完工，正在进行设备调试',
  '已完成阶段性整改任务，开展自查评估',
  '受季节影响施工暂停，已制定复工计划',
  '已落实整改资金，完成招标采购',
];
