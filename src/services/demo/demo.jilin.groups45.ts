import { EXPERT5, G4, G5, JL, OFFICE } from './demo.jilin.units.js';
import {
  accept,
  ack,
  approve,
  assign,
  close,
  expert,
  fourNotLetGo,
  list,
  mergeInto,
  plan,
  progress,
  publicNotice,
  requestClosure,
} from './demo.phrases.js';
import type { DemoProblem } from './demo.types.js';

/**
 * 第四督导帮扶工作组 (省水利厅牵头): 四平市; 第五 (省农业农村厅牵头): 松原市.
 * Illustrative (示例数据).
 */
export const GROUPS_4_5_PROBLEMS: DemoProblem[] = [
  {
    key: 'J18',
    on: '2020-07-31',
    as: G4,
    group: 'G4',
    problem: {
      title: '四平市条子河黑臭水体治理不彻底',
      description: '省级督察“回头看”指出，条子河城区段仍有多处排口旱天排污，下游断面氨氮超标。',
      source: 'provincial_look_back',
      areas: ['water'],
      subArea: 'black_odorous',
      problemKind: 'look_back_key',
      regionCode: '220300',
    },
    steps: [
      ['2020-08-03', G4, assign(JL.spGov, '2020-11-30', { co: [JL.spBureau], person: '四平市市长' })],
      ['2020-08-04', 'sp-gov', ack()],
      [
        '2020-08-14',
        'sp-gov',
        plan('deadline', '2020-11-15', '条子河城区段旱天零直排，下游断面氨氮达标', [
          ['封堵和改造旱天排污口23个', '四平市住房和城乡建设局', '2020-09-30'],
          ['第二污水处理厂扩容3万吨/日', '四平市住房和城乡建设局', '2020-11-15'],
          ['河道清淤和生态补水', '四平市水利局', '2020-10-31'],
        ]),
      ],
      ['2020-08-18', G4, approve()],
      ['2020-09-30', 'sp-gov', progress('2020-09-30', '23个排口全部封堵改造。', { done: ['M1'] })],
      ['2020-10-30', 'sp-gov', progress('2020-10-30', '清淤完成，生态补水常态化。', { done: ['M3'] })],
      [
        '2020-11-13',
        'sp-gov',
        progress('2020-11-13', '扩容工程投运，11月上旬下游断面氨氮均值1.4mg/L。', {
          done: ['M2'],
          evidence: ['断面水质周报.pdf'],
        }),
      ],
      [
        '2020-11-16',
        'sp-gov',
        requestClosure(
          fourNotLetGo(
            '截污管网建设滞后，污水处理能力不足，部分排口旱天直排。',
            '排口全部整治，污水处理扩容投运，断面氨氮稳定达标。',
            ['断面水质周报.pdf', '扩容工程验收意见.pdf'],
            { done: true, summary: '对排口整治进度严重滞后的区住建局局长诫勉谈话。' },
            publicNotice('整改情况在四平日报和四平市人民政府网站公示。'),
          ),
        ),
      ],
      [
        '2020-11-25',
        OFFICE,
        accept('2020-11-24', ['省领导小组办公室 赵晨', '邵宏伟'], '省级现场核查，水体无黑臭，同意销号。'),
      ],
      ['2020-12-03', OFFICE, close()],
    ],
  },
  {
    key: 'J19',
    on: '2020-08-03',
    as: G4,
    group: 'G4',
    problem: {
      title: '条子河四平段水质超标',
      description: '省水利厅河湖长制巡查线索：条子河四平城区段水质差、有异味。',
      source: 'department_finding',
      areas: ['water'],
      subArea: 'black_odorous',
      problemKind: 'department_known',
      regionCode: '220300',
    },
    steps: [['2020-08-06', G4, mergeInto('J18')]],
  },
  {
    key: 'J20',
    on: '2020-08-01',
    as: G4,
    group: 'G4',
    problem: {
      title: '双辽市饮用水水源保护区内违规建筑未拆除',
      description: '省级督察“回头看”发现，双辽市地下水饮用水水源一级保护区内仍有2处养殖用房和1处仓库。',
      source: 'provincial_look_back',
      areas: ['water'],
      subArea: 'groundwater',
      problemKind: 'look_back_key',
      regionCode: '220382',
    },
    steps: [
      ['2020-08-05', G4, assign(JL.slGov, '2020-12-31')],
      ['2020-08-07', 'sl-gov', ack()],
      [
        '2020-08-21',
        'sl-gov',
        plan('deadline', '2020-12-15', '一级保护区内违规建筑全部拆除，恢复植被并设置隔离防护', [
          ['依法补偿后拆除3处建筑', '双辽市人民政府', '2020-11-30'],
          ['一级保护区隔离网和界标建设', '双辽市水利局', '2020-12-15'],
        ]),
      ],
      ['2020-08-25', G4, approve()],
      ['2020-11-28', 'sl-gov', progress('2020-11-28', '3处建筑全部拆除。', { done: ['M1'] })],
      ['2020-12-14', 'sl-gov', progress('2020-12-14', '隔离网和界标建设完成。', { done: ['M2'] })],
      [
        '2020-12-22',
        'sl-gov',
        requestClosure(
          fourNotLetGo(
            '水源地保护区划定后清理整治不彻底，部门间未形成合力。',
            '违规建筑全部拆除，隔离防护设施到位，水源水质监测达标。',
            ['拆除前后照片.zip', '水源水质监测报告.pdf'],
            { done: true, summary: '对负有监管责任的乡镇副镇长给予诫勉谈话。' },
            publicNotice('整改结果在双辽市人民政府网站公示。'),
          ),
        ),
      ],
    ],
  },
  {
    key: 'J21',
    on: '2020-08-10',
    as: G4,
    group: 'G4',
    problem: {
      title: '梨树县黑土地保护性耕作推广面积未达目标',
      description: '省农业农村厅掌握，梨树县2020年保护性耕作实施面积低于年度任务，黑土地退化风险仍在。',
      source: 'department_finding',
      areas: ['soil'],
      problemKind: 'department_known',
      regionCode: '220322',
    },
    steps: [['2020-12-28', G4, assign(JL.lsGov, '2021-10-31', { person: '梨树县分管副县长' })]],
  },
  {
    key: 'J22',
    on: '2020-07-31',
    as: G5,
    group: 'G5',
    problem: {
      title: '松原市秸秆露天焚烧火点多发',
      description: '卫星遥感监测显示，2020年春季松原市秸秆焚烧火点数同比上升，宁江区、扶余市尤为集中。',
      source: 'department_finding',
      areas: ['air'],
      problemKind: 'department_known',
      regionCode: '220700',
    },
    steps: [
      ['2020-08-04', G5, assign(JL.syGov, '2021-05-31', { co: [JL.syBureau], person: '松原市分管副市长' })],
      ['2020-08-06', 'sy-gov', ack()],
      [
        '2020-08-12',
        EXPERT5,
        expert(
          '秸秆离田利用渠道少、收储运体系薄弱，农民焚烧成本低；禁烧考核偏重事后处罚。',
          '以还田为主、离田为辅：推广秸秆覆盖还田和打包离田，布设收储点；火点考核与奖补资金挂钩。',
        ),
      ],
      [
        '2020-08-26',
        'sy-gov',
        plan('long_term', '2021-05-15', '秋冬春季火点数同比下降50%，秸秆综合利用率达到85%', [
          ['每个乡镇至少建设1处秸秆收储点', '松原市农业农村局', '2020-10-15'],
          ['火点考核与秸秆综合利用奖补挂钩', '松原市人民政府', '2020-09-30'],
        ]),
      ],
      ['2020-08-31', G5, approve()],
      ['2020-10-15', 'sy-gov', progress('2020-10-15', '建成秸秆收储点86处。', { done: ['M1'] })],
      [
        '2020-11-15',
        'sy-gov',
        progress('2020-11-15', '奖补办法已印发；秋季火点同比下降41%。', { done: ['M2'] }),
      ],
    ],
  },
  {
    key: 'J23',
    on: '2020-07-31',
    as: G5,
    group: 'G5',
    problem: {
      title: '查干湖保护区内违规旅游设施未拆除',
      description: '省级督察“回头看”发现，查干湖国家级自然保护区实验区内仍有4处违规建设的餐饮和住宿设施。',
      source: 'provincial_look_back',
      areas: ['ecology'],
      subArea: 'nature_reserves',
      problemKind: 'look_back_key',
      regionCode: '220721',
    },
    steps: [
      ['2020-08-03', G5, assign(JL.qgGov, '2020-10-31', { person: '前郭县县长' })],
      ['2020-08-04', 'qg-gov', ack()],
      [
        '2020-08-10',
        OFFICE,
        list('province', '2020-10-31', '自然保护区问题，中央督察曾指出，省级挂牌督办。'),
      ],
      [
        '2020-08-11',
        'qg-gov',
        plan('deadline', '2020-10-15', '4处违规设施全部拆除，完成生态恢复', [
          ['依法拆除4处违规设施', '前郭县人民政府', '2020-09-15'],
          ['拆除区域覆土植草、恢复湿地', '查干湖保护区管理局', '2020-10-15'],
        ]),
      ],
      ['2020-08-13', G5, approve('同意。拆除须在旅游旺季结束前完成。')],
      [
        '2020-09-15',
        'qg-gov',
        progress('2020-09-15', '4处设施全部拆除，建筑垃圾清运完毕。', { done: ['M1'] }),
      ],
      [
        '2020-10-14',
        'qg-gov',
        progress('2020-10-14', '覆土植草和湿地恢复完成。', {
          done: ['M2'],
          evidence: ['无人机航拍对比图.zip'],
        }),
      ],
      [
        '2020-10-19',
        'qg-gov',
        requestClosure(
          fourNotLetGo(
            '保护区管理机构审批把关不严，地方发展旅游忽视保护区管控要求。',
            '违规设施全部拆除，拆除区域完成生态恢复，经遥感比对确认。',
            ['无人机航拍对比图.zip', '生态恢复验收意见.pdf'],
            { done: true, summary: '对保护区管理局分管副局长给予政务警告处分，对2名工作人员诫勉谈话。' },
            publicNotice('整改结果在松原市和前郭县人民政府网站公示。'),
          ),
        ),
      ],
      [
        '2020-10-30',
        OFFICE,
        accept(
          '2020-10-29',
          ['省领导小组办公室 赵晨', '省林草局 冯雪'],
          '省级现场核查，整改到位，同意销号。',
        ),
      ],
      ['2020-11-09', OFFICE, close()],
    ],
  },
  {
    key: 'J24',
    on: '2020-08-06',
    as: G5,
    group: 'G5',
    problem: {
      title: '松原市油田落地油和含油污泥历史遗留污染',
      description:
        '松原市反映：油区内历史遗留落地油和含油污泥约3万吨，涉及油田企业和地方，需省级协调责任划分和处置能力。',
      source: 'locality_request',
      areas: ['soil'],
      subArea: 'contaminated_land',
      problemKind: 'locality_difficulty',
      regionCode: '220700',
    },
    steps: [
      ['2020-08-12', G5, assign(JL.syGov, '2021-12-31', { co: [JL.syBureau], person: '松原市市长' })],
      ['2020-08-14', 'sy-gov', ack()],
      [
        '2020-09-05',
        EXPERT5,
        expert(
          '历史遗留污染责任主体不清，区域内含油污泥处置能力不足。',
          '由省生态环境厅牵头与油田企业明确“谁污染谁治理”的责任清单；就近建设含油污泥资源化处置设施。',
        ),
      ],
      [
        '2020-12-18',
        'sy-gov',
        plan('long_term', '2021-12-31', '2021年底前完成落地油和含油污泥清理处置，受污染土壤风险管控到位', [
          ['与油田企业签订责任划分协议', '松原市人民政府', '2021-03-31'],
          ['建设含油污泥资源化处置中心', '松原市生态环境局', '2021-09-30'],
          ['完成落地油清理和受污染土壤修复', '松原市人民政府', '2021-12-31'],
        ]),
      ],
    ],
  },
  {
    key: 'J25',
    on: '2020-08-14',
    as: G5,
    group: 'G5',
    problem: {
      title: '乾安县规模养殖场粪污处理设施不配套',
      description: '省农业农村厅掌握，乾安县仍有11家规模养殖场粪污处理设施未配套。',
      source: 'department_finding',
      areas: ['water', 'soil'],
      problemKind: 'department_known',
      regionCode: '220723',
    },
    steps: [['2020-12-21', G5, assign(JL.qaGov, '2021-06-30')]],
  },
];
