import { EXPERT2, G2, JL, OFFICE } from './demo.jilin.units.js';
import {
  accept,
  ack,
  approve,
  approveExtension,
  assign,
  expert,
  extend,
  fourNotLetGo,
  list,
  plan,
  progress,
  publicNotice,
  rejectExtension,
  requestClosure,
  returnPlan,
  urge,
} from './demo.phrases.js';
import type { DemoProblem } from './demo.types.js';

/**
 * 第二督导帮扶工作组 (省生态环境厅牵头) in 长春市 outside 公主岭市. Illustrative (示例数据).
 */
export const CHANGCHUN_PROBLEMS: DemoProblem[] = [
  {
    key: 'J04',
    on: '2020-07-31',
    as: G2,
    group: 'G2',
    problem: {
      title: '长春市串湖黑臭水体返黑返臭',
      description: '串湖2019年完成黑臭水体治理，但2020年汛期多次出现返黑返臭，周边雨污混接、截污不彻底。',
      source: 'provincial_look_back',
      areas: ['water'],
      subArea: 'black_odorous',
      problemKind: 'look_back_key',
      regionCode: '220100',
    },
    steps: [
      [
        '2020-08-04',
        G2,
        assign(JL.ccWater, '2020-11-30', { co: [JL.ccBureau], person: '长春市水务局副局长' }),
      ],
      ['2020-08-05', 'cc-water', ack()],
      [
        '2020-08-18',
        'cc-water',
        plan('deadline', '2020-11-20', '串湖水质明显改善', [
          ['开展截污纳管', '长春市水务局', '2020-11-20'],
          ['加强日常保洁', '绿园区人民政府', '2020-11-20'],
        ]),
      ],
      [
        '2020-08-21',
        G2,
        returnPlan(
          '整改目标未量化（应明确透明度、溶解氧、氨氮等指标）；截污纳管措施缺少具体点位、长度和完成时限，请补充完善后重新报送。',
        ),
      ],
      [
        '2020-08-24',
        EXPERT2,
        expert(
          '周边合流制管网汛期溢流和雨污混接是返黑返臭的主因，湖底淤泥内源释放加剧了问题。',
          '先摸清排口和混接点底数，分片实施雨污分流；汛前完成调蓄设施建设；对重点湖区实施生态清淤并补充生态补水。',
        ),
      ],
      [
        '2020-08-28',
        'cc-water',
        plan(
          'deadline',
          '2020-11-20',
          '串湖水体透明度大于25cm、溶解氧大于2mg/L、氨氮小于8mg/L，汛期不返黑返臭',
          [
            ['完成周边14处雨污混接点改造', '长春市水务局', '2020-09-30'],
            ['新建截污管线4.6公里', '长春市水务局', '2020-11-20'],
            ['实施湖区生态清淤12万立方米', '绿园区人民政府', '2020-10-31'],
          ],
        ),
      ],
      ['2020-09-01', G2, approve('同意。截污管线穿越铁路段须提前与铁路部门对接。')],
      [
        '2020-09-30',
        'cc-water',
        progress('2020-09-30', '14处雨污混接点全部改造完成。', {
          done: ['M1'],
          evidence: ['混接点改造清单.xlsx'],
        }),
      ],
      [
        '2020-10-30',
        'cc-water',
        progress('2020-10-30', '生态清淤完成；截污管线完成2.3公里，穿越铁路段审批尚未完成。', {
          done: ['M3'],
        }),
      ],
      [
        '2020-11-05',
        'cc-water',
        extend(
          '2021-06-30',
          '剩余2.3公里截污管线须穿越铁路，审批需与铁路部门协调；11月中旬后进入冰冻期，无法开挖施工。',
        ),
      ],
      [
        '2020-11-09',
        OFFICE,
        approveExtension(
          '理由属实，同意延期至2021年6月30日；冰冻期内须完成设计审批和物资准备，按月报送进展。',
        ),
      ],
      [
        '2020-12-15',
        'cc-water',
        progress('2020-12-15', '穿越铁路段设计方案已报铁路部门审批，施工物资已落实。'),
      ],
    ],
  },
  {
    key: 'J05',
    on: '2020-08-01',
    as: G2,
    group: 'G2',
    problem: {
      title: '长春市建成区燃煤锅炉淘汰进度滞后',
      description:
        '按全省大气污染防治任务，长春市建成区35蒸吨/小时以下燃煤锅炉应于2020年10月15日前全部淘汰，截至7月底仍有47台未完成。',
      source: 'department_finding',
      areas: ['air'],
      subArea: 'coal_heating',
      problemKind: 'department_known',
      regionCode: '220100',
    },
    steps: [
      ['2020-08-04', G2, assign(JL.ccGov, '2020-10-15', { co: [JL.ccBureau], person: '长春市分管副市长' })],
      ['2020-08-06', 'cc-gov', ack()],
      [
        '2020-08-21',
        'cc-gov',
        plan('deadline', '2020-10-15', '供暖季前淘汰建成区47台35蒸吨/小时以下燃煤锅炉', [
          ['31台并入城市集中供热管网', '长春市人民政府', '2020-09-30'],
          ['16台实施清洁能源替代', '长春市人民政府', '2020-10-15'],
        ]),
      ],
      ['2020-08-25', G2, approve()],
      ['2020-09-20', 'cc-gov', progress('2020-09-20', '31台锅炉已并网拆除。', { done: ['M1'] })],
      ['2020-10-12', G2, urge('距整改期限仅剩3天，仍有16台锅炉未完成淘汰，请加快推进并书面报告原因。')],
      [
        '2020-10-14',
        'cc-gov',
        extend('2021-04-30', '剩余锅炉承担冬季供暖任务，替代热源管网未接通前拆除将影响居民供暖。'),
      ],
      [
        '2020-10-16',
        OFFICE,
        rejectExtension(
          '燃煤锅炉淘汰为2020年大气污染防治硬任务，不予延期；请采取临时并网、集中供热延伸等措施尽快完成。',
        ),
      ],
      ['2020-10-23', OFFICE, list('province', '2020-11-30', '燃煤锅炉淘汰逾期未完成，省级挂牌督办。')],
      ['2020-11-25', 'cc-gov', progress('2020-11-25', '又完成9台，剩余7台正在实施供热管网延伸工程。')],
      ['2020-12-10', OFFICE, urge('挂牌督办期限已过，请于12月20日前报送剩余7台锅炉的淘汰计划和责任人。')],
    ],
  },
  {
    key: 'J06',
    on: '2020-07-31',
    as: G2,
    group: 'G2',
    problem: {
      title: '农安县生活垃圾填埋场渗滤液处理不达标',
      description:
        '省级督察“回头看”发现，农安县生活垃圾填埋场渗滤液处理设施能力不足，调节池满溢，存在渗漏风险。',
      source: 'provincial_look_back',
      areas: ['soil', 'water'],
      subArea: 'solid_waste',
      problemKind: 'look_back_key',
      regionCode: '220122',
    },
    steps: [
      ['2020-08-03', G2, assign(JL.naGov, '2020-12-31', { person: '农安县分管副县长' })],
      ['2020-08-05', 'na-gov', ack()],
      [
        '2020-08-20',
        'na-gov',
        plan('deadline', '2020-12-20', '渗滤液全部达标处理，调节池液位降至安全水位以下', [
          ['新建日处理能力200吨的DTRO渗滤液处理站', '农安县人民政府', '2020-12-10'],
          ['修复调节池防渗层', '农安县城市管理局', '2020-11-15'],
          ['处理站建成前渗滤液外运至长春市处理', '农安县城市管理局', '2020-09-30'],
        ]),
      ],
      ['2020-08-24', G2, approve()],
      [
        '2020-09-30',
        'na-gov',
        progress('2020-09-30', '累计外运渗滤液1.1万吨，调节池液位下降2米。', { done: ['M3'] }),
      ],
      ['2020-11-15', 'na-gov', progress('2020-11-15', '调节池防渗层修复完成。', { done: ['M2'] })],
      [
        '2020-12-10',
        'na-gov',
        progress('2020-12-10', 'DTRO处理站调试运行，出水达标。', {
          done: ['M1'],
          evidence: ['出水检测报告.pdf'],
        }),
      ],
      [
        '2020-12-14',
        'na-gov',
        requestClosure(
          fourNotLetGo(
            '填埋场建设时渗滤液处理能力设计偏小，运营期间未及时扩容。',
            '新建DTRO处理站投入运行，调节池防渗修复并降至安全水位，出水连续监测达标。',
            ['出水检测报告.pdf', '防渗修复验收意见.pdf'],
            {
              done: false,
              summary: '经调查属历史设计缺陷，未发现失职失责行为，无需追责；已建立运维考核制度。',
            },
            publicNotice('整改结果在农安县人民政府网站公示。'),
          ),
        ),
      ],
      [
        '2020-12-24',
        G2,
        accept(
          '2020-12-23',
          ['王建国', '周晓'],
          '现场核查处理站运行正常、出水达标，同意通过验收，进入公示。',
        ),
      ],
    ],
  },
  {
    key: 'J09',
    on: '2020-12-23',
    as: G2,
    group: 'G2',
    finding: { visit: 'V4', index: 0 },
    problem: {
      title: '九台区城中村冬季燃煤散烧反弹',
      description:
        '第二工作组12月22日回访发现，九台区部分城中村居民冬季重新使用散煤取暖，清洁取暖改造成果出现反弹。',
      source: 'site_visit',
      areas: ['air'],
      subArea: 'coal_heating',
      problemKind: 'new_finding',
      regionCode: '220113',
    },
    steps: [],
  },
];
