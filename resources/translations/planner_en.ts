<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AllianceDialog</name>
    <message>
        <location filename="../../planner/ui/directory/alliance_dialog.py" line="19"/>
        <source>编辑联合体</source>
        <translation>Edit alliance</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/alliance_dialog.py" line="19"/>
        <source>新建联合体</source>
        <translation>New alliance</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/alliance_dialog.py" line="21"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/alliance_dialog.py" line="22"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/alliance_dialog.py" line="25"/>
        <source>成立日期</source>
        <translation>Founded</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/alliance_dialog.py" line="26"/>
        <source>说明</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/alliance_dialog.py" line="45"/>
        <source>新建联合体“{name}”</source>
        <translation>New alliance “{name}”</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/alliance_dialog.py" line="52"/>
        <source>修改联合体“{name}”</source>
        <translation>Edit alliance “{name}”</translation>
    </message>
</context>
<context>
    <name>AllianceTableModel</name>
    <message>
        <location filename="../../planner/ui/directory/alliances_model.py" line="28"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/alliances_model.py" line="29"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/alliances_model.py" line="30"/>
        <source>成立日期</source>
        <translation>Founded</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/alliances_model.py" line="31"/>
        <source>成员数</source>
        <translation>Members</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/alliances_model.py" line="32"/>
        <source>说明</source>
        <translation>Description</translation>
    </message>
</context>
<context>
    <name>AlliancesPage</name>
    <message>
        <location filename="../../planner/ui/directory/alliances_page.py" line="39"/>
        <source>筛选联合体：名称、类型、说明…</source>
        <translation>Filter alliances: name, kind, description…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/alliances_page.py" line="43"/>
        <source>全部类型</source>
        <translation>All kinds</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/alliances_page.py" line="45"/>
        <source>成员单位</source>
        <translation>Member outlets</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/alliances_page.py" line="47"/>
        <source>添加成员…</source>
        <translation>Add Member…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/alliances_page.py" line="48"/>
        <source>移除成员</source>
        <translation>Remove member</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/alliances_page.py" line="74"/>
        <source>还没有联合体。
点击“新建…”（Ctrl+N）登记一个联合体、区域联盟或合作协议，再添加成员单位。</source>
        <translation>No alliances yet.
Click “New…” (Ctrl+N) to record an alliance, regional alliance or agreement, then add its member outlets.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/alliances_page.py" line="123"/>
        <source>添加成员</source>
        <translation>Add member</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/alliances_page.py" line="123"/>
        <source>媒体单位：</source>
        <translation>Outlet:</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/alliances_page.py" line="128"/>
        <source>添加成员“{name}”</source>
        <translation>Add member “{name}”</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/alliances_page.py" line="135"/>
        <source>移除成员“{name}”</source>
        <translation>Remove member “{name}”</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../planner/ui/app.py" line="44"/>
        <source>正在载入演示数据…</source>
        <translation>Loading the demo data…</translation>
    </message>
</context>
<context>
    <name>AssignmentDialog</name>
    <message>
        <location filename="../../planner/ui/workspace/assignment_dialog.py" line="25"/>
        <source>编辑任务</source>
        <translation>Edit assignment</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/assignment_dialog.py" line="25"/>
        <source>新建任务</source>
        <translation>New assignment</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/assignment_dialog.py" line="29"/>
        <source>环节 × 单位</source>
        <translation>Stage × outlet</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/assignment_dialog.py" line="30"/>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/assignment_dialog.py" line="33"/>
        <source>形式</source>
        <translation>Format</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/assignment_dialog.py" line="36"/>
        <source>（该单位不具备）</source>
        <translation>(the outlet does not produce it)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/assignment_dialog.py" line="37"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/assignment_dialog.py" line="42"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/assignment_dialog.py" line="43"/>
        <source>退回、婉拒、取消或重新启用时必填</source>
        <translation>Required to step back, decline, cancel or reopen</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/assignment_dialog.py" line="44"/>
        <source>截稿时间</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/assignment_dialog.py" line="46"/>
        <source>任务说明</source>
        <translation>Brief</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/assignment_dialog.py" line="51"/>
        <source>人员</source>
        <translation>People</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/assignment_dialog.py" line="54"/>
        <source>该单位还没有登记人员</source>
        <translation>No people registered for this outlet yet</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/assignment_dialog.py" line="77"/>
        <location filename="../../planner/ui/workspace/assignment_dialog.py" line="82"/>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/assignment_dialog.py" line="79"/>
        <source>第一条备注（可不填）</source>
        <translation>First note (optional)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/assignment_dialog.py" line="101"/>
        <source>安排{outlet}报道“{stage}”</source>
        <translation>Assign {outlet} to “{stage}”</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/assignment_dialog.py" line="118"/>
        <source>修改任务：{outlet} · {stage}</source>
        <translation>Edit assignment: {outlet} · {stage}</translation>
    </message>
</context>
<context>
    <name>AssignmentsModel</name>
    <message>
        <location filename="../../planner/ui/workspace/assignments_model.py" line="150"/>
        <source>项目</source>
        <translation>Project</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/assignments_model.py" line="150"/>
        <source>环节</source>
        <translation>Stage</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/assignments_model.py" line="150"/>
        <source>单位</source>
        <translation>Outlet</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/assignments_model.py" line="151"/>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/assignments_model.py" line="151"/>
        <source>形式</source>
        <translation>Format</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/assignments_model.py" line="151"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/assignments_model.py" line="152"/>
        <source>截稿</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/assignments_model.py" line="152"/>
        <source>人员</source>
        <translation>People</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/assignments_model.py" line="152"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>AssignmentsTab</name>
    <message>
        <location filename="../../planner/ui/workspace/assignments_tab.py" line="64"/>
        <source>状态未全部修改</source>
        <extracomment>Runs a dialog (the reason form, the people picker) and says whether it was accepted; replaceable in tests. Shows an explanation; replaceable in tests.</extracomment>
        <translation>Not every status was changed</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/assignments_tab.py" line="67"/>
        <source>本项目</source>
        <translation>This project</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/assignments_tab.py" line="68"/>
        <source>全部项目</source>
        <translation>All projects</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/assignments_tab.py" line="70"/>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/assignments_tab.py" line="71"/>
        <source>未完成（拟定/已确认/采制中）</source>
        <translation>Open (planned / confirmed / in progress)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/assignments_tab.py" line="74"/>
        <source>全部单位</source>
        <translation>All outlets</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/assignments_tab.py" line="75"/>
        <source>全部人员</source>
        <translation>All people</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/assignments_tab.py" line="123"/>
        <source>改为此状态</source>
        <translation>Set this status</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/assignments_tab.py" line="125"/>
        <source>安排人员…</source>
        <translation>Assign people…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/assignments_tab.py" line="127"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/assignments_tab.py" line="139"/>
        <source>所选任务：</source>
        <translation>Selected assignments:</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/assignments_tab.py" line="259"/>
        <source>共 {n} 项任务</source>
        <translation>{n} assignments</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/assignments_tab.py" line="328"/>
        <source>……另有 {n} 项</source>
        <translation>… and {n} more</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/assignments_tab.py" line="336"/>
        <source>改为“{status}”需要说明原因：</source>
        <translation>Changing to “{status}” needs a reason:</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/assignments_tab.py" line="330"/>
        <source>{n} 项任务改为“{status}”</source>
        <translation>Set {n} assignments to “{status}”</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/assignments_tab.py" line="78"/>
        <source>只看此日及以后截稿的任务</source>
        <translation>Only assignments due on or after this day</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/assignments_tab.py" line="79"/>
        <source>只看此日及以前截稿的任务</source>
        <translation>Only assignments due on or before this day</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/assignments_tab.py" line="122"/>
        <source>只列出所选任务可以改到的状态</source>
        <extracomment>What a hidden tab still owes its model: None (up to date), &quot;reload&quot;, or ids to re-read in place.</extracomment>
        <translation>Only statuses the selected assignments may move to</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/assignments_tab.py" line="131"/>
        <source>截稿</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/assignments_tab.py" line="342"/>
        <source>以下任务不能改为“{status}”：</source>
        <translation>These assignments cannot be set to “{status}”:</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/assignments_tab.py" line="391"/>
        <source>删除任务</source>
        <translation>Delete assignments</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/assignments_tab.py" line="391"/>
        <source>删除所选 {n} 项任务？可以撤销。</source>
        <translation>Delete the {n} selected assignments? You can undo this.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/assignments_tab.py" line="395"/>
        <source>删除 {n} 项任务</source>
        <translation>Delete {n} assignments</translation>
    </message>
</context>
<context>
    <name>AvailabilityDialog</name>
    <message>
        <location filename="../../planner/ui/schedule/availability_dialog.py" line="72"/>
        <source>修改不在岗时段</source>
        <translation>Edit absence</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/availability_dialog.py" line="72"/>
        <source>登记不在岗时段</source>
        <translation>Record absence</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/availability_dialog.py" line="75"/>
        <source>人员</source>
        <translation>Person</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/availability_dialog.py" line="84"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/availability_dialog.py" line="87"/>
        <source>开始</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/availability_dialog.py" line="88"/>
        <source>如 2026-12-24 或 2026-12-24 08:00</source>
        <translation>e.g. 2026-12-24 or 2026-12-24 08:00</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/availability_dialog.py" line="89"/>
        <source>结束</source>
        <translation>End</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/availability_dialog.py" line="90"/>
        <source>只写日期表示到当天结束</source>
        <translation>A date alone means through that day</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/availability_dialog.py" line="91"/>
        <source>重复</source>
        <translation>Repeats</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/availability_dialog.py" line="92"/>
        <source>不重复</source>
        <translation>Does not repeat</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/availability_dialog.py" line="93"/>
        <source>每周（选择星期几）</source>
        <translation>Weekly (choose the days)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/availability_dialog.py" line="94"/>
        <source>每天</source>
        <translation>Daily</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/availability_dialog.py" line="95"/>
        <source>自定义规则（RRULE）</source>
        <translation>Custom rule (RRULE)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/availability_dialog.py" line="96"/>
        <source>星期</source>
        <translation>Days</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/availability_dialog.py" line="97"/>
        <source>规则</source>
        <translation>Rule</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/availability_dialog.py" line="99"/>
        <source>重复截止</source>
        <translation>Repeat until</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/availability_dialog.py" line="100"/>
        <source>可不填，如 2027-06-30</source>
        <translation>Optional, e.g. 2027-06-30</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/availability_dialog.py" line="101"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/availability_dialog.py" line="102"/>
        <source>如 年假、夜班、岗位培训</source>
        <translation>e.g. annual leave, night shift, training course</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/availability_dialog.py" line="116"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/availability_dialog.py" line="156"/>
        <source>重复时，“开始”和“结束”是第一次的时间，之后每次的钟点和时长相同。</source>
        <translation>For a repeating absence, Start and End are the first occurrence; later ones keep its time of day and length.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/availability_dialog.py" line="157"/>
        <source>同一人不重复的不在岗时段不能互相重叠。</source>
        <translation>One person&apos;s single absences may not overlap each other.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/availability_dialog.py" line="201"/>
        <source>登记不在岗：{name}</source>
        <translation>Record absence: {name}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/availability_dialog.py" line="203"/>
        <source>修改不在岗：{name}</source>
        <translation>Edit absence: {name}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/availability_dialog.py" line="209"/>
        <source>删除不在岗：{name}</source>
        <translation>Delete absence: {name}</translation>
    </message>
</context>
<context>
    <name>AvailabilityListDialog</name>
    <message>
        <location filename="../../planner/ui/schedule/availability_dialog.py" line="222"/>
        <source>不在岗时段</source>
        <translation>Absences</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/availability_dialog.py" line="224"/>
        <source>全部人员</source>
        <translation>Everyone</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/availability_dialog.py" line="229"/>
        <location filename="../../planner/ui/schedule/availability_dialog.py" line="243"/>
        <source>人员</source>
        <translation>Person</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/availability_dialog.py" line="229"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/availability_dialog.py" line="229"/>
        <source>开始</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/availability_dialog.py" line="229"/>
        <source>结束</source>
        <translation>End</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/availability_dialog.py" line="230"/>
        <source>重复</source>
        <translation>Repeats</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/availability_dialog.py" line="230"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/availability_dialog.py" line="236"/>
        <source>没有登记的不在岗时段。</source>
        <translation>No absences recorded.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/availability_dialog.py" line="238"/>
        <source>新建…</source>
        <translation>New…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/availability_dialog.py" line="238"/>
        <source>修改…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/availability_dialog.py" line="238"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/availability_dialog.py" line="240"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/availability_dialog.py" line="303"/>
        <source>删除不在岗时段</source>
        <translation>Delete absence</translation>
    </message>
</context>
<context>
    <name>BulkPeopleDialog</name>
    <message>
        <location filename="../../planner/ui/workspace/people_dialog.py" line="49"/>
        <source>为 {n} 项任务安排人员</source>
        <translation>People for {n} assignments</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/people_dialog.py" line="53"/>
        <source>任务</source>
        <translation>Assignments</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/people_dialog.py" line="53"/>
        <source>{n} 项任务，{m} 家单位</source>
        <translation>{n} assignments, {m} outlets</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/people_dialog.py" line="54"/>
        <source>人员</source>
        <translation>People</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/people_dialog.py" line="57"/>
        <source>已安排</source>
        <translation>Already on</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/people_dialog.py" line="58"/>
        <source>已在其单位的 {on} 项任务中（共 {of} 项）</source>
        <translation>On {on} of the {of} selected assignments of their outlet</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/people_dialog.py" line="63"/>
        <source>加入所选人员</source>
        <translation>Add the chosen people</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/people_dialog.py" line="64"/>
        <source>移除所选人员</source>
        <translation>Remove the chosen people</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/people_dialog.py" line="71"/>
        <source>方式</source>
        <translation>How</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/people_dialog.py" line="73"/>
        <source>这些单位还没有登记人员 — 请先在“人员”页添加。</source>
        <translation>These outlets have no people yet — add them on the People page first.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/people_dialog.py" line="93"/>
        <source>安排人员</source>
        <translation>Assign people</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/people_dialog.py" line="93"/>
        <source>移除人员</source>
        <translation>Remove people</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/people_dialog.py" line="94"/>
        <source>{verb}：{n} 项任务</source>
        <translation>{verb}: {n} assignments</translation>
    </message>
</context>
<context>
    <name>BusyPeople</name>
    <message>
        <location filename="../../planner/ui/schedule/busy.py" line="30"/>
        <source>忙：</source>
        <translation>Busy: </translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/busy.py" line="31"/>
        <source>不在岗：</source>
        <translation>Away: </translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/busy.py" line="32"/>
        <source>；</source>
        <translation>; </translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <location filename="../../planner/ui/exchange/conflict_dialog.py" line="40"/>
        <source>合并冲突</source>
        <translation>Merge conflicts</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/conflict_dialog.py" line="48"/>
        <source>来自 %1 的计划包“%2”：新增 %3 条、采用对方修改 %4 条；以下 %5 处在两边都被修改过（或一边删除、一边修改），请逐项选择保留本地还是采用对方。</source>
        <translation>Bundle “%2” from %1: %3 records added, %4 changes taken from theirs; the %5 below were changed on both sides (or deleted on one side and changed on the other): choose for each whether to keep mine or take theirs.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/conflict_dialog.py" line="58"/>
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/conflict_dialog.py" line="58"/>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/conflict_dialog.py" line="58"/>
        <source>本地的值</source>
        <translation>Our value</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/conflict_dialog.py" line="58"/>
        <source>本地修改</source>
        <translation>Changed here</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/conflict_dialog.py" line="59"/>
        <source>对方的值</source>
        <translation>Their value</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/conflict_dialog.py" line="59"/>
        <source>对方修改</source>
        <translation>Changed there</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/conflict_dialog.py" line="59"/>
        <source>采用</source>
        <translation>Use</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/conflict_dialog.py" line="83"/>
        <source>未决定</source>
        <translation>Undecided</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/conflict_dialog.py" line="84"/>
        <source>保留本地</source>
        <translation>Keep ours</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/conflict_dialog.py" line="85"/>
        <source>采用对方</source>
        <translation>Take theirs</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/conflict_dialog.py" line="92"/>
        <source>全部保留本地</source>
        <translation>Keep ours everywhere</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/conflict_dialog.py" line="93"/>
        <source>全部采用对方</source>
        <translation>Take theirs everywhere</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/conflict_dialog.py" line="97"/>
        <source>合并</source>
        <translation>Merge</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/conflict_dialog.py" line="98"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/conflict_dialog.py" line="127"/>
        <source>还有 %1 处未决定</source>
        <translation>%1 still undecided</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <location filename="../../planner/ui/server/connect.py" line="96"/>
        <source>连接服务器</source>
        <translation>Connect to server</translation>
    </message>
    <message>
        <location filename="../../planner/ui/server/connect.py" line="99"/>
        <source>联盟共享服务器的地址（问管理员要）：主机/数据库，如 db.example.cn/planner；也可以写完整的 postgresql:// 地址，带 sslmode 等选项。</source>
        <translation>The address of the alliance&apos;s shared server (ask its administrator): host/database, e.g. db.example.cn/planner; or a full postgresql:// address with options such as sslmode.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/server/connect.py" line="107"/>
        <source>如 db.example.cn/planner</source>
        <translation>e.g. db.example.cn/planner</translation>
    </message>
    <message>
        <location filename="../../planner/ui/server/connect.py" line="113"/>
        <source>连接</source>
        <translation>Connect</translation>
    </message>
    <message>
        <location filename="../../planner/ui/server/connect.py" line="114"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../planner/ui/server/connect.py" line="119"/>
        <source>服务器地址</source>
        <translation>Server address</translation>
    </message>
</context>
<context>
    <name>ConnectServer</name>
    <message>
        <location filename="../../planner/ui/server/connect.py" line="43"/>
        <source>请输入服务器地址，如 db.example.cn/planner。</source>
        <translation>Enter the server&apos;s address, e.g. db.example.cn/planner.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/server/connect.py" line="45"/>
        <source>服务器地址不能含空格或控制字符。</source>
        <translation>A server address cannot contain spaces or control characters.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/server/connect.py" line="52"/>
        <source>无法识别服务器地址：{address}。请写成 主机/数据库，如 db.example.cn/planner。</source>
        <translation>Not a server address: {address}. Write it as host/database, e.g. db.example.cn/planner.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/server/connect.py" line="57"/>
        <source>只能连接 PostgreSQL 服务器（地址以 postgresql:// 开头，或只写 主机/数据库）。</source>
        <translation>Only PostgreSQL servers can be connected (an address starting with postgresql://, or just host/database).</translation>
    </message>
    <message>
        <location filename="../../planner/ui/server/connect.py" line="59"/>
        <source>服务器地址要有主机和数据库名，如 db.example.cn/planner。</source>
        <translation>A server address needs a host and a database name, e.g. db.example.cn/planner.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/server/connect.py" line="61"/>
        <source>端口应在 1 到 65535 之间。</source>
        <translation>The port must be between 1 and 65535.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/server/connect.py" line="150"/>
        <source>连接服务器…</source>
        <translation>Connect to Server…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/server/connect.py" line="151"/>
        <source>打开联盟的共享服务器（输入地址，再登录）</source>
        <translation>Open the alliance&apos;s shared server (enter its address, then sign in)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/server/connect.py" line="180"/>
        <source>服务器 {server}</source>
        <translation>Server {server}</translation>
    </message>
</context>
<context>
    <name>DeadlineReminder</name>
    <message>
        <location filename="../../planner/ui/schedule/reminders.py" line="129"/>
        <source>桌面提醒已关闭。</source>
        <extracomment>Lead times offered (minutes; 0 = off). How far ahead one read looks beyond the lead time, and the longest sleep between reads.</extracomment>
        <translation>Desktop reminders are off.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/reminders.py" line="161"/>
        <source>下一次提醒：{m}月{d}日 {hm}</source>
        <translation>Next reminder: {m}/{d} {hm}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/reminders.py" line="163"/>
        <source>未来 {h} 小时内没有需要提醒的截稿。</source>
        <translation>No deadlines to remind of in the next {h} hours.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/reminders.py" line="187"/>
        <source>{m} 分钟后截稿</source>
        <translation>Deadline in {m} min</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/reminders.py" line="189"/>
        <source>{n} 项任务即将截稿</source>
        <translation>{n} deadlines coming up</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/reminders.py" line="195"/>
        <source>…… 另有 {n} 项</source>
        <translation>… and {n} more</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/reminders.py" line="202"/>
        <source>{title}：{body}</source>
        <translation>{title}: {body}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/reminders.py" line="202"/>
        <source>；</source>
        <translation>; </translation>
    </message>
</context>
<context>
    <name>DirectoryLoad</name>
    <message>
        <location filename="../../planner/ui/onboarding.py" line="230"/>
        <source>载入联合体名录</source>
        <translation>Load the alliance directory</translation>
    </message>
    <message>
        <location filename="../../planner/ui/onboarding.py" line="231"/>
        <source>载入川渝联合体的媒体单位和联合体（不含项目）？已有的单位和联合体保持不变，只添加缺少的。载入前会自动备份数据库。</source>
        <translation>Load the outlets and alliances of the Sichuan–Chongqing media alliances (no projects)? Outlets and alliances already here stay as they are; only missing ones are added. The database is backed up first.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/onboarding.py" line="234"/>
        <source>同时载入示例人员和单位联系人（虚构姓名和号码，供试用）</source>
        <translation>Also load sample staff and outlet contacts (made-up names and numbers, for trying the app)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/onboarding.py" line="245"/>
        <source>正在载入联合体名录…</source>
        <translation>Loading the alliance directory…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/onboarding.py" line="276"/>
        <source>已载入联合体名录：新增媒体单位 {outlets} 家、联合体 {alliances} 个、成员关系 {memberships} 条、人员 {people} 人。</source>
        <translation>Alliance directory loaded: {outlets} outlets, {alliances} alliances, {memberships} memberships and {people} people added.</translation>
    </message>
</context>
<context>
    <name>DirectoryPage</name>
    <message>
        <location filename="../../planner/ui/directory/page.py" line="51"/>
        <source>筛选：输入名称、地区、平台…</source>
        <translation>Filter: name, region, platform…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/page.py" line="56"/>
        <source>新建…</source>
        <translation>New…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/page.py" line="57"/>
        <source>编辑…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/page.py" line="58"/>
        <location filename="../../planner/ui/directory/page.py" line="281"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/page.py" line="121"/>
        <source>这里还没有内容。点击“新建…”添加。</source>
        <translation>Nothing here yet. Click “New…” to add.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/page.py" line="212"/>
        <source>没有符合筛选条件的记录。清除搜索词或筛选条件试试（Esc 清除搜索）。</source>
        <translation>Nothing matches the filters. Clear the search text or the filters (Esc clears the search).</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/page.py" line="217"/>
        <source>共 {total} 条</source>
        <translation>{total} in all</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/page.py" line="218"/>
        <source>显示 {shown} / 共 {total} 条</source>
        <translation>Showing {shown} of {total}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/page.py" line="281"/>
        <source>确定删除“{name}”吗？可以用“撤销”（Ctrl+Z）恢复。</source>
        <translation>Delete “{name}”? Undo (Ctrl+Z) brings it back.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/page.py" line="286"/>
        <source>删除“{name}”</source>
        <translation>Delete “{name}”</translation>
    </message>
</context>
<context>
    <name>DueModel</name>
    <message>
        <location filename="../../planner/ui/schedule/due_tab.py" line="95"/>
        <source>截稿时间</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/due_tab.py" line="95"/>
        <source>剩余</source>
        <translation>Left</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/due_tab.py" line="95"/>
        <source>项目</source>
        <translation>Project</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/due_tab.py" line="95"/>
        <source>环节</source>
        <translation>Stage</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/due_tab.py" line="95"/>
        <source>单位</source>
        <translation>Outlet</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/due_tab.py" line="95"/>
        <source>形式</source>
        <translation>Format</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/due_tab.py" line="96"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/due_tab.py" line="96"/>
        <source>人员</source>
        <translation>People</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/due_tab.py" line="100"/>
        <source>未定</source>
        <translation>Not set</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/due_tab.py" line="104"/>
        <source>{n} 分钟</source>
        <translation>{n} min</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/due_tab.py" line="106"/>
        <source>{h} 小时</source>
        <translation>{h} h</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/due_tab.py" line="108"/>
        <source>{h} 小时 {m} 分</source>
        <translation>{h} h {m} min</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/due_tab.py" line="110"/>
        <source>{n} 天</source>
        <translation>{n} days</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/due_tab.py" line="111"/>
        <source>还剩 {span}</source>
        <translation>{span} left</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/due_tab.py" line="111"/>
        <source>逾期 {span}</source>
        <translation>{span} overdue</translation>
    </message>
</context>
<context>
    <name>DueStatus</name>
    <message>
        <location filename="../../planner/ui/schedule/__init__.py" line="46"/>
        <source>点击查看到期与逾期的任务</source>
        <translation>Click to see what is due and overdue</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/__init__.py" line="102"/>
        <source>今天到期 {today} · 已逾期 {overdue}</source>
        <translation>Due today {today} · Overdue {overdue}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/__init__.py" line="104"/>
        <source>本席位：</source>
        <translation>This desk: </translation>
    </message>
</context>
<context>
    <name>DueTab</name>
    <message>
        <location filename="../../planner/ui/schedule/due_tab.py" line="158"/>
        <source>打开任务</source>
        <translation>Open assignment</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/due_tab.py" line="159"/>
        <source>标记为已交稿</source>
        <translation>Mark as filed</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/due_tab.py" line="160"/>
        <source>选中的任务改为“已交稿”（可撤销）</source>
        <translation>Set the selected assignments to Filed (can be undone)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/due_tab.py" line="188"/>
        <source>本席位单位的任务</source>
        <translation>This desk&apos;s outlet</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/due_tab.py" line="189"/>
        <source>所有任务</source>
        <translation>All assignments</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/due_tab.py" line="193"/>
        <source>桌面提醒：</source>
        <translation>Desktop reminders:</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/due_tab.py" line="232"/>
        <source>关闭</source>
        <translation>Off</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/due_tab.py" line="234"/>
        <source>截稿前 {n} 分钟</source>
        <translation>{n} min before the deadline</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/due_tab.py" line="236"/>
        <source>截稿前 {n} 小时</source>
        <translation>{n} h before the deadline</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/due_tab.py" line="237"/>
        <source>截稿前 {n} 天</source>
        <translation>{n} day(s) before the deadline</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/due_tab.py" line="277"/>
        <source>读取到期任务失败：{error}</source>
        <translation>Could not read what is due: {error}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/due_tab.py" line="321"/>
        <source>还没有设置本席位的单位。在 文件 ▸ 设置 中选择本席位所在单位后，这里列出该单位所有未完成的任务。</source>
        <translation>This desk&apos;s outlet is not set. Choose it in File ▸ Settings and this list shows all of its open work.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/due_tab.py" line="324"/>
        <source>今天没有到期的未完成任务。</source>
        <translation>Nothing open is due today.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/due_tab.py" line="325"/>
        <source>没有逾期的任务。</source>
        <translation>Nothing is overdue.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/due_tab.py" line="326"/>
        <source>本周没有到期的未完成任务。</source>
        <translation>Nothing open is due this week.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/due_tab.py" line="327"/>
        <source>本席位单位没有未完成的任务。</source>
        <translation>This desk&apos;s outlet has no open work.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/due_tab.py" line="355"/>
        <source>标记为已交稿（{n} 项）</source>
        <translation>Mark as filed ({n})</translation>
    </message>
</context>
<context>
    <name>EmergencyDialog</name>
    <message>
        <location filename="../../planner/ui/suggest/emergency.py" line="66"/>
        <source>新建突发联动</source>
        <translation>New emergency coverage</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/emergency.py" line="74"/>
        <source>留空则为“地点 + 突发事件联动报道 + 时间”</source>
        <translation>Empty: “place + emergency coverage + time”</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/emergency.py" line="76"/>
        <source>全部单位</source>
        <translation>All outlets</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/emergency.py" line="80"/>
        <source>事发地点：</source>
        <translation>Place:</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/emergency.py" line="81"/>
        <source>事发时间：</source>
        <translation>Time:</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/emergency.py" line="82"/>
        <source>项目标题：</source>
        <translation>Title:</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/emergency.py" line="83"/>
        <source>候选单位：</source>
        <translation>Candidates:</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/emergency.py" line="84"/>
        <source>按突发事件模板建立环节（首发预警 → 现场直播 → 权威发布与辟谣 → 救援进展 → 善后与恢复），为每个环节推荐离事发地最近、具备直播和短视频能力的单位。</source>
        <translation>Lays out the emergency template&apos;s stages (first alert → live coverage → official release and rumour rebuttal → rescue → aftermath) and proposes for each stage the nearest outlets that produce live and short video.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/emergency.py" line="88"/>
        <source>生成方案</source>
        <translation>Propose</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/emergency.py" line="96"/>
        <source>建立并导出回执表…</source>
        <translation>Create and export reply sheets…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/emergency.py" line="97"/>
        <source>建立项目和全部推荐任务（可一步撤销），并为每家单位生成一份回执表</source>
        <translation>Creates the project and every proposed piece (one undo step) and writes one reply sheet per outlet</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/emergency.py" line="99"/>
        <source>仅建立项目</source>
        <translation>Create project only</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/emergency.py" line="101"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/emergency.py" line="136"/>
        <source>请填写事发地点。</source>
        <translation>Please enter the place.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/emergency.py" line="178"/>
        <source>回执表保存到</source>
        <translation>Save reply sheets to</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/emergency.py" line="181"/>
        <source>新建突发联动“{title}”</source>
        <translation>New emergency coverage “{title}”</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/emergency.py" line="191"/>
        <source>项目已建立，但回执表未能写出：{error}</source>
        <translation>The project was created, but the reply sheets could not be written: {error}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/emergency.py" line="210"/>
        <source>正在生成方案…</source>
        <translation>Proposing…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/emergency.py" line="213"/>
        <source>填好地点和时间后点“生成方案”。</source>
        <translation>Enter the place and time, then press Propose.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/emergency.py" line="217"/>
        <source>“{title}”：{stages} 个环节，推荐 {n} 项任务、{outlets} 家单位；求解 {seconds} 秒。</source>
        <translation>“{title}”: {stages} stages, {n} pieces proposed from {outlets} outlets; solved in {seconds} s.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/emergency.py" line="231"/>
        <source>未能补上：</source>
        <translation>Not filled: </translation>
    </message>
</context>
<context>
    <name>ErasePersonDialog</name>
    <message>
        <location filename="../../planner/ui/erase_person.py" line="39"/>
        <source>清除个人信息</source>
        <translation>Erase Personal Data</translation>
    </message>
    <message>
        <location filename="../../planner/ui/erase_person.py" line="46"/>
        <source>清除此人的电话和邮箱：人员记录和全部变更记录中的都会清除；已删除人员的姓名也一并清除。清除会记入变更记录，但不记录被清除的内容。此操作不能撤销。</source>
        <translation>Erases this person&apos;s phone and e-mail from their record and from the whole change log; a deleted person&apos;s name is erased too. The erase is logged, without what was erased. It cannot be undone.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/erase_person.py" line="54"/>
        <source>{person}——已删除</source>
        <translation>{person} — deleted</translation>
    </message>
    <message>
        <location filename="../../planner/ui/erase_person.py" line="60"/>
        <source>同时删除此前的 {n} 个自动备份（其中仍有这些信息）</source>
        <translation>Also delete the {n} automatic backups made before (they still hold this data)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/erase_person.py" line="62"/>
        <source>没有可清除的个人信息。</source>
        <translation>There is no personal data to erase.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/erase_person.py" line="67"/>
        <source>清除</source>
        <translation>Erase</translation>
    </message>
    <message>
        <location filename="../../planner/ui/erase_person.py" line="69"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../planner/ui/erase_person.py" line="99"/>
        <source>已清除“{name}”的个人信息，并删除了 {n} 个较早的自动备份。</source>
        <translation>Erased the personal data of {name} and deleted {n} older automatic backups.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/erase_person.py" line="101"/>
        <source>已清除“{name}”的个人信息。</source>
        <translation>Erased the personal data of {name}.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/erase_person.py" line="108"/>
        <source>清除个人信息…</source>
        <translation>Erase Personal Data…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/erase_person.py" line="109"/>
        <source>按《个人信息保护法》清除一个人的电话、邮箱（包括变更记录和旧备份中的）</source>
        <translation>Erase a person&apos;s phone and e-mail under the Personal Information Protection Law (in the change log and old backups too)</translation>
    </message>
</context>
<context>
    <name>ExchangeActions</name>
    <message>
        <location filename="../../planner/ui/exchange/actions.py" line="38"/>
        <source>导出计划…</source>
        <extracomment>the entries that write (the signed-in role decides: planner.ui.server.gates.gate_file_menu)</extracomment>
        <translation>Export plan…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/actions.py" line="39"/>
        <source>导入计划…</source>
        <translation>Import plan…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/actions.py" line="40"/>
        <source>导出回执表…</source>
        <translation>Export reply sheets…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/actions.py" line="41"/>
        <source>导入回执…</source>
        <translation>Import replies…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/actions.py" line="42"/>
        <source>导出回执包…</source>
        <translation>Export reply bundle…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/actions.py" line="43"/>
        <source>导出日历（.ics）…</source>
        <translation>Export calendar (.ics)…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/actions.py" line="44"/>
        <source>导出任务表（CSV/XLSX）…</source>
        <translation>Export assignments (CSV/XLSX)…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/actions.py" line="63"/>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/actions.py" line="64"/>
        <source>还没有项目。</source>
        <translation>There are no projects yet.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/actions.py" line="70"/>
        <source>选择项目</source>
        <translation>Choose a project</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/actions.py" line="71"/>
        <source>项目：</source>
        <translation>Project:</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/actions.py" line="80"/>
        <source>操作失败</source>
        <translation>Failed</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/actions.py" line="104"/>
        <source>已导出</source>
        <translation>Exported</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/actions.py" line="105"/>
        <source>已保存到 %1</source>
        <translation>Saved to %1</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/actions.py" line="115"/>
        <source>导出计划</source>
        <translation>Export plan</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/actions.py" line="116"/>
        <location filename="../../planner/ui/exchange/actions.py" line="309"/>
        <source>计划包 (*.jcp)</source>
        <translation>Plan bundles (*.jcp)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/actions.py" line="132"/>
        <location filename="../../planner/ui/exchange/actions.py" line="178"/>
        <location filename="../../planner/ui/exchange/actions.py" line="197"/>
        <location filename="../../planner/ui/exchange/actions.py" line="216"/>
        <source>导入计划</source>
        <translation>Import plan</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/actions.py" line="134"/>
        <source>计划包 (*.jcp *.zip)</source>
        <translation>Plan bundles (*.jcp *.zip)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/actions.py" line="151"/>
        <source>正在检查计划包…</source>
        <translation>Checking the plan bundle…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/actions.py" line="155"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/actions.py" line="179"/>
        <source>本地已有编号 %1、标题“%2”都相同的项目。它和计划包中的是同一个项目吗？

选“是”将两者合并并记住；选“否”则不导入（请先修改其中一个的编号或标题）。</source>
        <translation>This database has a project with the same code %1 and title “%2”. Is it the same project as the bundle&apos;s?

Yes merges the two and remembers it; No imports nothing (change the code or title of one of them first).</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/actions.py" line="198"/>
        <source>计划包与本地一致，无需更改。</source>
        <translation>The bundle matches this database; nothing to change.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/actions.py" line="200"/>
        <source>这是一份较早的计划包，其中没有比本地更新的内容。</source>
        <translation>This is an older bundle: nothing in it is newer than what you have.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/actions.py" line="204"/>
        <source>来自 %1 的“%2”：新增 %3 条，采用对方修改 %4 条，随对方删除 %5 条，保留本地 %6 条。确定合并？</source>
        <translation>“%2” from %1: %3 records added, %4 changes taken from theirs, %5 deleted as theirs, %6 kept mine. Merge?</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/actions.py" line="227"/>
        <source>正在合并计划…</source>
        <translation>Merging the plan…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/actions.py" line="243"/>
        <source>回执</source>
        <translation>Replies</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/actions.py" line="244"/>
        <source>这个项目还没有派单。</source>
        <translation>This project has no assignments yet.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/actions.py" line="248"/>
        <source>全部单位（每个单位一个文件）</source>
        <translation>All outlets (one file each)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/actions.py" line="250"/>
        <source>选择单位</source>
        <translation>Choose an outlet</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/actions.py" line="251"/>
        <source>单位：</source>
        <translation>Outlet:</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/actions.py" line="286"/>
        <source>导出回执表到文件夹</source>
        <translation>Export reply sheets to a folder</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/actions.py" line="291"/>
        <source>导出回执表</source>
        <translation>Export reply sheet</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/actions.py" line="292"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/actions.py" line="308"/>
        <source>导出回执包</source>
        <translation>Export reply bundle</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/actions.py" line="325"/>
        <source>导入回执</source>
        <translation>Import replies</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/actions.py" line="326"/>
        <source>回执表 (*.xlsx)</source>
        <translation>Reply sheet (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/actions.py" line="337"/>
        <source>正在检查回执…</source>
        <translation>Checking the replies…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/actions.py" line="345"/>
        <source>%1 的回执中有 %2 处与本地后来的修改不同，请逐项选择保留本地还是采用回执。</source>
        <translation>%2 answers in the replies of %1 differ from later changes made here: choose for each whether to keep mine or take the reply.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/actions.py" line="357"/>
        <source>导入回执（%1）</source>
        <translation>Import replies (%1)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/actions.py" line="370"/>
        <source>导出日历</source>
        <translation>Export calendar</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/actions.py" line="371"/>
        <source>日历 (*.ics)</source>
        <translation>Calendars (*.ics)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/actions.py" line="382"/>
        <source>导出任务表</source>
        <translation>Export assignments</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/actions.py" line="383"/>
        <source>Excel 工作簿 (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel workbooks (*.xlsx);;CSV (*.csv)</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../planner/ui/export/export_dialog.py" line="61"/>
        <source>导出文档</source>
        <translation>Export documents</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export/export_dialog.py" line="66"/>
        <location filename="../../planner/ui/export/export_dialog.py" line="89"/>
        <source>任务单</source>
        <translation>Assignment sheets</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export/export_dialog.py" line="66"/>
        <source>策划方案</source>
        <translation>Briefing pack</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export/export_dialog.py" line="66"/>
        <location filename="../../planner/ui/export/export_dialog.py" line="132"/>
        <source>贡献度统计</source>
        <translation>Contribution report</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export/export_dialog.py" line="77"/>
        <source>按单位</source>
        <translation>Per outlet</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export/export_dialog.py" line="78"/>
        <source>按人员</source>
        <translation>Per person</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export/export_dialog.py" line="82"/>
        <source>每份一个文件（存入文件夹）</source>
        <translation>One file each (into a folder)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export/export_dialog.py" line="83"/>
        <source>合并为一个文档（每份另起一页）</source>
        <translation>One document (a page per sheet)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export/export_dialog.py" line="85"/>
        <source>派发方式</source>
        <translation>Sheets</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export/export_dialog.py" line="86"/>
        <source>单位</source>
        <translation>Outlet</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export/export_dialog.py" line="87"/>
        <source>人员</source>
        <translation>People</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export/export_dialog.py" line="88"/>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export/export_dialog.py" line="95"/>
        <source>起始日期</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export/export_dialog.py" line="96"/>
        <source>截止日期</source>
        <translation>Until</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export/export_dialog.py" line="101"/>
        <location filename="../../planner/ui/export/export_dialog.py" line="231"/>
        <source>全部单位</source>
        <translation>All outlets</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export/export_dialog.py" line="105"/>
        <location filename="../../planner/ui/export/export_dialog.py" line="216"/>
        <source>Word 文档 (.docx)</source>
        <translation>Word document (.docx)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export/export_dialog.py" line="105"/>
        <source>PDF 文档 (.pdf)</source>
        <translation>PDF document (.pdf)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export/export_dialog.py" line="106"/>
        <source>Excel 表格 (.xlsx)</source>
        <translation>Excel workbook (.xlsx)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export/export_dialog.py" line="106"/>
        <source>CSV 文本 (.csv)</source>
        <translation>CSV text (.csv)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export/export_dialog.py" line="109"/>
        <source>主办</source>
        <translation>Lead</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export/export_dialog.py" line="109"/>
        <source>协办</source>
        <translation>Support</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export/export_dialog.py" line="109"/>
        <source>转发</source>
        <translation>Syndicated</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export/export_dialog.py" line="109"/>
        <source>已交稿</source>
        <translation>Filed</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export/export_dialog.py" line="109"/>
        <source>已刊发</source>
        <translation>Published</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export/export_dialog.py" line="110"/>
        <source>合作单位</source>
        <translation>Partners</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export/export_dialog.py" line="110"/>
        <source>跨省协作</source>
        <translation>Cross-province links</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export/export_dialog.py" line="110"/>
        <source>纵向协作</source>
        <translation>Vertical links</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export/export_dialog.py" line="128"/>
        <source>统计期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export/export_dialog.py" line="129"/>
        <source>联合体</source>
        <translation>Alliances</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export/export_dialog.py" line="130"/>
        <source>文件格式</source>
        <translation>File format</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export/export_dialog.py" line="131"/>
        <source>权重</source>
        <translation>Weights</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export/export_dialog.py" line="137"/>
        <source>默认模板（公文格式）</source>
        <translation>Default template (official document style)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export/export_dialog.py" line="138"/>
        <source>选择…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export/export_dialog.py" line="144"/>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export/export_dialog.py" line="156"/>
        <source>导出内容</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export/export_dialog.py" line="157"/>
        <source>项目</source>
        <translation>Project</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export/export_dialog.py" line="159"/>
        <source>格式</source>
        <translation>Format</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export/export_dialog.py" line="161"/>
        <source>Word 模板</source>
        <translation>Word template</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export/export_dialog.py" line="162"/>
        <source>导出到文件夹</source>
        <translation>Folder</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export/export_dialog.py" line="163"/>
        <source>文件名</source>
        <translation>File name</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export/export_dialog.py" line="165"/>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export/export_dialog.py" line="166"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export/export_dialog.py" line="217"/>
        <source>PDF 文档（需要 LibreOffice）</source>
        <translation>PDF document (needs LibreOffice)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export/export_dialog.py" line="219"/>
        <source>手机长图 (.png，宽 1080 像素)</source>
        <translation>Long picture for phones (.png, 1080 px wide)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export/export_dialog.py" line="232"/>
        <source>全部人员</source>
        <translation>All people</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export/export_dialog.py" line="276"/>
        <source>选择 Word 模板</source>
        <translation>Choose a Word template</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export/export_dialog.py" line="277"/>
        <source>Word 文档 (*.docx)</source>
        <translation>Word documents (*.docx)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export/export_dialog.py" line="282"/>
        <source>选择导出文件夹</source>
        <translation>Choose the export folder</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export/export_dialog.py" line="298"/>
        <source>请选择导出文件夹并填写文件名。</source>
        <translation>Choose a folder and a file name.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export/export_dialog.py" line="303"/>
        <source>请先选择项目。</source>
        <translation>Choose a project first.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export/export_dialog.py" line="314"/>
        <source>正在导出，请稍候…</source>
        <translation>Exporting, please wait…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export/export_dialog.py" line="380"/>
        <source>导出已取消，未写入任何文件。</source>
        <translation>Export cancelled; no file was written.</translation>
    </message>
</context>
<context>
    <name>ExportRunner</name>
    <message>
        <location filename="../../planner/ui/export/runner.py" line="34"/>
        <source>取消</source>
        <extracomment>whether to ask &quot;open it now?&quot; after success (tests switch it off)</extracomment>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export/runner.py" line="35"/>
        <source>正在导出</source>
        <translation>Exporting</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export/runner.py" line="55"/>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export/runner.py" line="88"/>
        <source>已导出：</source>
        <translation>Exported: </translation>
    </message>
    <message>
        <location filename="../../planner/ui/export/runner.py" line="88"/>
        <source>现在打开吗？</source>
        <translation>Open it now?</translation>
    </message>
    <message numerus="yes">
        <location filename="../../planner/ui/export/runner.py" line="90"/>
        <source>已导出 %n 个文件到：</source>
        <translation>
            <numerusform>Exported %n file to:</numerusform>
            <numerusform>Exported %n files to:</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../planner/ui/export/runner.py" line="90"/>
        <source>现在打开文件夹吗？</source>
        <translation>Open the folder now?</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export/runner.py" line="91"/>
        <source>导出完成</source>
        <translation>Export finished</translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <location filename="../../planner/ui/file_actions.py" line="41"/>
        <location filename="../../planner/ui/file_actions.py" line="48"/>
        <location filename="../../planner/ui/file_actions.py" line="217"/>
        <source>无法打开数据库</source>
        <translation>Cannot open the database</translation>
    </message>
    <message>
        <location filename="../../planner/ui/file_actions.py" line="60"/>
        <source>新建数据库…</source>
        <translation>New Database…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/file_actions.py" line="61"/>
        <source>打开…</source>
        <translation>Open…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/file_actions.py" line="62"/>
        <source>另存副本…</source>
        <translation>Save a Copy…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/file_actions.py" line="63"/>
        <source>从自动备份恢复…</source>
        <translation>Restore from Automatic Backup…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/file_actions.py" line="64"/>
        <source>最近文件</source>
        <translation>Recent Files</translation>
    </message>
    <message>
        <location filename="../../planner/ui/file_actions.py" line="111"/>
        <source>打开数据库</source>
        <translation>Open database</translation>
    </message>
    <message>
        <location filename="../../planner/ui/file_actions.py" line="116"/>
        <location filename="../../planner/ui/file_actions.py" line="125"/>
        <source>新建数据库</source>
        <translation>New database</translation>
    </message>
    <message>
        <location filename="../../planner/ui/file_actions.py" line="127"/>
        <source>{path} 正在使用中，不能用新数据库替换它。</source>
        <translation>{path} is open; it cannot be replaced by a new database.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/file_actions.py" line="130"/>
        <source>{path} 已存在。用一个新的空数据库替换它吗？原文件会先备份到 {folder}。</source>
        <translation>{path} already exists. Replace it with a new, empty database? The current file is backed up to {folder} first.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/file_actions.py" line="149"/>
        <source>（暂无）</source>
        <translation>(none yet)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/file_actions.py" line="158"/>
        <source>另存副本</source>
        <translation>Save a copy</translation>
    </message>
    <message>
        <location filename="../../planner/ui/file_actions.py" line="164"/>
        <location filename="../../planner/ui/file_actions.py" line="167"/>
        <source>另存副本失败</source>
        <translation>Could not save a copy</translation>
    </message>
    <message>
        <location filename="../../planner/ui/file_actions.py" line="169"/>
        <source>副本已保存：{path}</source>
        <translation>Copy saved: {path}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/file_actions.py" line="177"/>
        <location filename="../../planner/ui/file_actions.py" line="181"/>
        <location filename="../../planner/ui/file_actions.py" line="187"/>
        <source>从自动备份恢复</source>
        <translation>Restore from automatic backup</translation>
    </message>
    <message>
        <location filename="../../planner/ui/file_actions.py" line="178"/>
        <source>{path} 还没有自动备份。程序在升级数据库结构和恢复前会自动备份。</source>
        <translation>{path} has no automatic backups yet. The planner backs a file up before upgrading its schema and before a restore.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/file_actions.py" line="181"/>
        <source>选择要恢复的备份（当前文件会先另行备份）：</source>
        <translation>Choose the backup to restore (the current file is backed up first):</translation>
    </message>
    <message>
        <location filename="../../planner/ui/file_actions.py" line="188"/>
        <source>用 {time} 的备份替换 {path} 吗？当前内容会先备份，撤销记录将清空。</source>
        <translation>Replace {path} with the backup of {time}? The current content is backed up first; the undo history is cleared.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/file_actions.py" line="213"/>
        <source>恢复失败</source>
        <translation>Restore failed</translation>
    </message>
</context>
<context>
    <name>FindingsModel</name>
    <message>
        <location filename="../../planner/ui/workspace/findings_model.py" line="36"/>
        <source>级别</source>
        <translation>Severity</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/findings_model.py" line="36"/>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
</context>
<context>
    <name>FirstStartDialog</name>
    <message>
        <location filename="../../planner/ui/onboarding.py" line="54"/>
        <source>欢迎使用联合报道策划</source>
        <translation>Welcome to the joint-coverage planner</translation>
    </message>
    <message>
        <location filename="../../planner/ui/onboarding.py" line="61"/>
        <source>这是一个新的数据库：{path}
从哪里开始？</source>
        <translation>This is a new database: {path}
What should it start with?</translation>
    </message>
    <message>
        <location filename="../../planner/ui/onboarding.py" line="64"/>
        <source>载入川渝联合体名录：媒体单位和联合体（不含项目）</source>
        <translation>The Sichuan–Chongqing alliance directory: outlets and alliances (no projects)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/onboarding.py" line="65"/>
        <source>同时载入示例人员和单位联系人（虚构姓名和号码，供试用）</source>
        <translation>Also load sample staff and outlet contacts (made-up names and numbers, for trying the app)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/onboarding.py" line="66"/>
        <source>载入演示数据：名录、示例人员和三个示例项目</source>
        <translation>The demo: the directory, sample staff and three sample projects</translation>
    </message>
    <message>
        <location filename="../../planner/ui/onboarding.py" line="67"/>
        <source>从空白开始</source>
        <translation>Start empty</translation>
    </message>
    <message>
        <location filename="../../planner/ui/onboarding.py" line="81"/>
        <source>名录以后也可以从“文件 ▸ 载入联合体名录…”载入。</source>
        <translation>The directory can also be loaded later from File ▸ Load Alliance Directory….</translation>
    </message>
    <message>
        <location filename="../../planner/ui/onboarding.py" line="90"/>
        <source>本席身份写入每一条修改记录，协作单位据此知道是谁改的。以后可在“文件 ▸ 设置”中修改。</source>
        <translation>This desk&apos;s identity goes into every change-log entry, so partners know who changed what. You can change it later in File ▸ Settings.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/onboarding.py" line="95"/>
        <source>如 张编辑</source>
        <translation>e.g. Editor Zhang</translation>
    </message>
    <message>
        <location filename="../../planner/ui/onboarding.py" line="96"/>
        <source>编辑姓名</source>
        <translation>Editor&apos;s name</translation>
    </message>
    <message>
        <location filename="../../planner/ui/onboarding.py" line="99"/>
        <source>本席所属单位</source>
        <translation>This desk&apos;s outlet</translation>
    </message>
    <message>
        <location filename="../../planner/ui/onboarding.py" line="111"/>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../../planner/ui/onboarding.py" line="112"/>
        <source>以后再说</source>
        <translation>Not now</translation>
    </message>
    <message>
        <location filename="../../planner/ui/onboarding.py" line="142"/>
        <source>（未设置）</source>
        <translation>(not set)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/onboarding.py" line="148"/>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../planner/ui/onboarding.py" line="149"/>
        <source>跳过</source>
        <translation>Skip</translation>
    </message>
    <message>
        <location filename="../../planner/ui/onboarding.py" line="157"/>
        <source>请填写编辑姓名或选择本席所属单位，或点“跳过”。</source>
        <translation>Enter the editor&apos;s name or choose this desk&apos;s outlet, or click Skip.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/onboarding.py" line="184"/>
        <source>正在载入演示数据…</source>
        <translation>Loading the demo data…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/onboarding.py" line="185"/>
        <source>正在载入联合体名录…</source>
        <translation>Loading the alliance directory…</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <location filename="../../planner/ui/directory/form_dialog.py" line="85"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/form_dialog.py" line="86"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>GraphPage</name>
    <message>
        <location filename="../../planner/ui/graph/page.py" line="75"/>
        <source>协作关系</source>
        <extracomment>labels keep their size on screen while the 1600-unit scene is fitted into a view about 900 px wide: in scene units a label is about this much larger than its font (for placing them apart) The screen draws at most this many links (the strongest); exports draw up to 2,500. Above this many links they are drawn once into an image, so that redraws stay within a frame.</extracomment>
        <translation>Collaboration</translation>
    </message>
    <message>
        <location filename="../../planner/ui/graph/page.py" line="75"/>
        <source>报道覆盖</source>
        <translation>Coverage</translation>
    </message>
    <message>
        <location filename="../../planner/ui/graph/page.py" line="76"/>
        <source>环节依赖</source>
        <translation>Dependencies</translation>
    </message>
    <message>
        <location filename="../../planner/ui/graph/page.py" line="79"/>
        <source>地理分布</source>
        <translation>Geographic</translation>
    </message>
    <message>
        <location filename="../../planner/ui/graph/page.py" line="79"/>
        <source>分层</source>
        <translation>Layered</translation>
    </message>
    <message>
        <location filename="../../planner/ui/graph/page.py" line="80"/>
        <source>力导向</source>
        <translation>Spring</translation>
    </message>
    <message>
        <location filename="../../planner/ui/graph/page.py" line="83"/>
        <source>按层级着色</source>
        <translation>Colour by tier</translation>
    </message>
    <message>
        <location filename="../../planner/ui/graph/page.py" line="84"/>
        <source>按省份着色</source>
        <translation>Colour by province</translation>
    </message>
    <message>
        <location filename="../../planner/ui/graph/page.py" line="92"/>
        <source>全部层级</source>
        <translation>All tiers</translation>
    </message>
    <message>
        <location filename="../../planner/ui/graph/page.py" line="96"/>
        <source>全部省份</source>
        <translation>All provinces</translation>
    </message>
    <message>
        <location filename="../../planner/ui/graph/page.py" line="97"/>
        <source>四川</source>
        <translation>Sichuan</translation>
    </message>
    <message>
        <location filename="../../planner/ui/graph/page.py" line="98"/>
        <source>重庆</source>
        <translation>Chongqing</translation>
    </message>
    <message>
        <location filename="../../planner/ui/graph/page.py" line="99"/>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../../planner/ui/graph/page.py" line="100"/>
        <source>时间段</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../planner/ui/graph/page.py" line="107"/>
        <source>适应窗口</source>
        <translation>Fit to window</translation>
    </message>
    <message>
        <location filename="../../planner/ui/graph/page.py" line="108"/>
        <source>导出图谱…</source>
        <translation>Export graph…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/graph/page.py" line="286"/>
        <source>解读</source>
        <translation>Reading</translation>
    </message>
    <message>
        <location filename="../../planner/ui/graph/page.py" line="292"/>
        <source>关键路径</source>
        <translation>Critical path</translation>
    </message>
    <message>
        <location filename="../../planner/ui/graph/page.py" line="295"/>
        <source>依赖成环：</source>
        <translation>Dependency cycle: </translation>
    </message>
    <message>
        <location filename="../../planner/ui/graph/page.py" line="298"/>
        <source>问题与风险</source>
        <translation>Problems and risks</translation>
    </message>
    <message>
        <location filename="../../planner/ui/graph/page.py" line="304"/>
        <source>覆盖情况</source>
        <translation>Coverage</translation>
    </message>
    <message>
        <location filename="../../planner/ui/graph/page.py" line="306"/>
        <source>无人报道的环节：</source>
        <translation>Stages nobody covers: </translation>
    </message>
    <message>
        <location filename="../../planner/ui/graph/page.py" line="308"/>
        <source>每个环节都有单位报道。</source>
        <translation>Every stage is covered.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/graph/page.py" line="309"/>
        <source>单击单位查看其环节与合作单位，单击环节查看报道单位。滚轮缩放，拖动平移。</source>
        <translation>Click an outlet to see its stages and partners, a stage to see who covers it. Wheel to zoom, drag to pan.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/graph/page.py" line="337"/>
        <source>前置环节：</source>
        <translation>Depends on: </translation>
    </message>
    <message>
        <location filename="../../planner/ui/graph/page.py" line="348"/>
        <source>报道单位</source>
        <translation>Covered by</translation>
    </message>
    <message>
        <location filename="../../planner/ui/graph/page.py" line="352"/>
        <source>任务：</source>
        <translation>Assignments: </translation>
    </message>
    <message>
        <location filename="../../planner/ui/graph/page.py" line="388"/>
        <source>承担的环节</source>
        <translation>Stages it covers</translation>
    </message>
    <message>
        <location filename="../../planner/ui/graph/page.py" line="466"/>
        <source>PNG 图片 (*.png)</source>
        <translation>PNG pictures (*.png)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/graph/page.py" line="466"/>
        <source>SVG 矢量图 (*.svg)</source>
        <translation>SVG drawings (*.svg)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/graph/page.py" line="467"/>
        <source>GraphML 图数据 (*.graphml)</source>
        <translation>GraphML graph data (*.graphml)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/graph/page.py" line="467"/>
        <source>GEXF 图数据 (*.gexf)</source>
        <translation>GEXF graph data (*.gexf)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/graph/page.py" line="468"/>
        <source>JSON 图数据 (*.json)</source>
        <translation>JSON graph data (*.json)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/graph/page.py" line="470"/>
        <source>导出图谱</source>
        <translation>Export graph</translation>
    </message>
    <message>
        <location filename="../../planner/ui/graph/page.py" line="113"/>
        <source>图谱</source>
        <translation>Graph</translation>
    </message>
    <message>
        <location filename="../../planner/ui/graph/page.py" line="113"/>
        <source>布局</source>
        <translation>Layout</translation>
    </message>
    <message>
        <location filename="../../planner/ui/graph/page.py" line="114"/>
        <source>项目</source>
        <translation>Project</translation>
    </message>
    <message>
        <location filename="../../planner/ui/graph/page.py" line="114"/>
        <source>联合体</source>
        <translation>Alliances</translation>
    </message>
    <message>
        <location filename="../../planner/ui/graph/page.py" line="168"/>
        <source>全部项目</source>
        <translation>All projects</translation>
    </message>
    <message>
        <location filename="../../planner/ui/graph/page.py" line="172"/>
        <source>全部单位</source>
        <translation>All outlets</translation>
    </message>
    <message>
        <location filename="../../planner/ui/graph/page.py" line="209"/>
        <source>正在计算…</source>
        <translation>Computing…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/graph/page.py" line="217"/>
        <source>正在布局…</source>
        <translation>Laying out…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/graph/page.py" line="246"/>
        <source>计算失败：</source>
        <translation>Computation failed: </translation>
    </message>
    <message>
        <location filename="../../planner/ui/graph/page.py" line="268"/>
        <source>环节依赖图需要先选择一个项目。</source>
        <translation>Choose a project to see its stage dependencies.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/graph/page.py" line="270"/>
        <source>环节太多，请选择项目或时间段后再查看覆盖图。</source>
        <translation>Too many stages: choose a project or a period to see coverage.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../planner/ui/graph/page.py" line="272"/>
        <source>%n 个节点</source>
        <translation>
            <numerusform>%n node</numerusform>
            <numerusform>%n nodes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../planner/ui/graph/page.py" line="273"/>
        <source>%n 条关系</source>
        <translation>
            <numerusform>%n link</numerusform>
            <numerusform>%n links</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../planner/ui/graph/page.py" line="354"/>
        <location filename="../../planner/ui/graph/page.py" line="365"/>
        <source>合作单位</source>
        <translation>Partners</translation>
    </message>
    <message>
        <location filename="../../planner/ui/graph/page.py" line="354"/>
        <source>报道环节</source>
        <translation>Stages covered</translation>
    </message>
    <message>
        <location filename="../../planner/ui/graph/page.py" line="495"/>
        <source>已导出：</source>
        <translation>Exported: </translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../planner/ui/history/dialog.py" line="16"/>
        <source>修改历史 · {title}</source>
        <translation>History · {title}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/history/dialog.py" line="21"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <location filename="../../planner/ui/history/model.py" line="67"/>
        <source>时间</source>
        <translation>When</translation>
    </message>
    <message>
        <location filename="../../planner/ui/history/model.py" line="67"/>
        <source>操作人</source>
        <translation>Who</translation>
    </message>
    <message>
        <location filename="../../planner/ui/history/model.py" line="67"/>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../planner/ui/history/model.py" line="67"/>
        <source>对象</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../planner/ui/history/model.py" line="67"/>
        <source>名称</source>
        <translation>Record</translation>
    </message>
    <message>
        <location filename="../../planner/ui/history/model.py" line="67"/>
        <source>内容</source>
        <translation>Changes</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <location filename="../../planner/ui/history/panel.py" line="72"/>
        <location filename="../../planner/ui/history/panel.py" line="276"/>
        <source>全部操作人</source>
        <extracomment>kinds of record a project&apos;s history can be narrowed to</extracomment>
        <translation>Everyone</translation>
    </message>
    <message>
        <location filename="../../planner/ui/history/panel.py" line="76"/>
        <source>自 2026-12-01</source>
        <translation>From 2026-12-01</translation>
    </message>
    <message>
        <location filename="../../planner/ui/history/panel.py" line="77"/>
        <source>至 2026-12-31</source>
        <translation>To 2026-12-31</translation>
    </message>
    <message>
        <location filename="../../planner/ui/history/panel.py" line="82"/>
        <source>全部对象</source>
        <translation>All kinds</translation>
    </message>
    <message>
        <location filename="../../planner/ui/history/panel.py" line="88"/>
        <source>全部操作</source>
        <translation>All actions</translation>
    </message>
    <message>
        <location filename="../../planner/ui/history/panel.py" line="116"/>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../planner/ui/history/panel.py" line="116"/>
        <source>修改前</source>
        <translation>Before</translation>
    </message>
    <message>
        <location filename="../../planner/ui/history/panel.py" line="116"/>
        <source>修改后</source>
        <translation>After</translation>
    </message>
    <message>
        <location filename="../../planner/ui/history/panel.py" line="124"/>
        <source>撤回这处修改</source>
        <translation>Revert this change</translation>
    </message>
    <message>
        <location filename="../../planner/ui/history/panel.py" line="125"/>
        <location filename="../../planner/ui/history/panel.py" line="330"/>
        <source>把这条记录改动的内容改回去（可以撤销）</source>
        <translation>Put back what this entry changed (undoable)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/history/panel.py" line="141"/>
        <location filename="../../planner/ui/history/panel.py" line="287"/>
        <source>还没有修改记录。</source>
        <translation>No changes recorded yet.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/history/panel.py" line="150"/>
        <source>更早的记录</source>
        <translation>Older entries</translation>
    </message>
    <message>
        <location filename="../../planner/ui/history/panel.py" line="287"/>
        <source>没有符合筛选条件的修改记录。</source>
        <translation>No changes match the filters.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/history/panel.py" line="290"/>
        <source>{n} 条记录</source>
        <translation>{n} entries</translation>
    </message>
    <message>
        <location filename="../../planner/ui/history/panel.py" line="309"/>
        <source>选择一条记录，查看每个字段修改前后的内容。</source>
        <translation>Choose an entry to see each field before and after.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/history/panel.py" line="314"/>
        <source>{who} 于 {when} {action}{kind}“{name}”</source>
        <translation>{who}, {when}: {action} {kind} “{name}”</translation>
    </message>
    <message>
        <location filename="../../planner/ui/history/panel.py" line="315"/>
        <source>（未署名）</source>
        <translation>(unsigned)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/history/panel.py" line="331"/>
        <source>这类修改不能在这里撤回</source>
        <translation>Changes of this kind cannot be reverted here</translation>
    </message>
    <message>
        <location filename="../../planner/ui/history/panel.py" line="338"/>
        <source>撤回修改：{kind}“{name}”</source>
        <translation>Revert change: {kind} “{name}”</translation>
    </message>
</context>
<context>
    <name>ImportAbsences</name>
    <message>
        <location filename="../../planner/ui/schedule/availability_dialog.py" line="310"/>
        <source>导入不在岗时段</source>
        <translation>Import absences</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/availability_dialog.py" line="312"/>
        <source>表格 (*.xlsx *.csv)</source>
        <translation>Spreadsheets (*.xlsx *.csv)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/availability_dialog.py" line="320"/>
        <source>…… 另有 {n} 行有问题</source>
        <translation>… and {n} more rows with problems</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/availability_dialog.py" line="325"/>
        <source>表格中没有数据行。</source>
        <translation>The sheet has no data rows.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/availability_dialog.py" line="327"/>
        <source>导入不在岗时段（{n} 条）</source>
        <translation>Import absences ({n})</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/availability_dialog.py" line="332"/>
        <source>已导入 {n} 条不在岗时段（Ctrl+Z 撤销）。</source>
        <translation>Imported {n} absences (Ctrl+Z to undo).</translation>
    </message>
</context>
<context>
    <name>IntegrityWatch</name>
    <message>
        <location filename="../../planner/ui/integrity_watch.py" line="129"/>
        <source>数据库已损坏</source>
        <extracomment>How long after opening the check starts: after the first paint and the first page&apos;s load. the file the start-up opened unchecked fails the open-time check (the error it would have raised)</extracomment>
        <translation>The database is damaged</translation>
    </message>
    <message>
        <location filename="../../planner/ui/integrity_watch.py" line="130"/>
        <source>完整性检查发现 {path} 已损坏。为免损坏扩大，已停止保存修改。</source>
        <translation>The integrity check found {path} damaged. Saving has stopped so that the damage does not spread.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/integrity_watch.py" line="133"/>
        <source>这个文件还没有自动备份。请先用“文件 ▸ 另存副本”保存现有内容，再请技术人员查看。</source>
        <translation>This file has no automatic backup yet. Save what it holds with File ▸ Save a Copy first, then have it looked at.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/integrity_watch.py" line="138"/>
        <source>最近的自动备份是 {time}（{reason}）。恢复它会失去此后的修改；也可以先“另存副本”保存现有内容。</source>
        <translation>The latest automatic backup is from {time} ({reason}). Restoring it loses the changes made since; you can save a copy of the current content first.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/integrity_watch.py" line="140"/>
        <source>从该备份恢复</source>
        <translation>Restore this backup</translation>
    </message>
    <message>
        <location filename="../../planner/ui/integrity_watch.py" line="141"/>
        <source>稍后处理</source>
        <translation>Later</translation>
    </message>
</context>
<context>
    <name>LiveMarks</name>
    <message>
        <location filename="../../planner/ui/server/marks.py" line="52"/>
        <source>{who} 正在编辑</source>
        <translation>{who} is editing this</translation>
    </message>
    <message>
        <location filename="../../planner/ui/server/marks.py" line="62"/>
        <source>刚由 {who} 修改（{at}）</source>
        <translation>Just changed by {who} ({at})</translation>
    </message>
</context>
<context>
    <name>LiveUpdates</name>
    <message>
        <location filename="../../planner/ui/server/live.py" line="174"/>
        <source>与服务器的实时连接已断开，其他人的修改不再自动刷新（重新打开数据库即可恢复）。</source>
        <translation>The live connection to the server was lost; other editors&apos; changes no longer refresh by themselves (open the database again to restore it).</translation>
    </message>
    <message>
        <location filename="../../planner/ui/server/live.py" line="213"/>
        <source>刚由 {who} 修改：{what}</source>
        <translation>Just changed by {who}: {what}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../planner/ui/main_window.py" line="83"/>
        <source>项目</source>
        <translation>Projects</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="83"/>
        <source>媒体单位</source>
        <translation>Outlets</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="83"/>
        <source>联合体</source>
        <translation>Alliances</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="84"/>
        <source>人员</source>
        <translation>People</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="84"/>
        <source>协作图谱</source>
        <translation>Collaboration graph</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="84"/>
        <source>日程</source>
        <translation>Schedule</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="226"/>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="237"/>
        <source>载入联合体名录…</source>
        <translation>Load Alliance Directory…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="239"/>
        <source>导出文档…</source>
        <translation>Export Documents…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="243"/>
        <source>设置…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="245"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="248"/>
        <source>编辑(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="250"/>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="252"/>
        <source>重做</source>
        <translation>Redo</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="254"/>
        <location filename="../../planner/ui/main_window.py" line="330"/>
        <source>新建…</source>
        <translation>New…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="255"/>
        <source>在当前页新建（项目、媒体单位、联合体、人员）</source>
        <translation>New item on the current page (project, outlet, alliance, person)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="260"/>
        <source>查找…</source>
        <translation>Find…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="262"/>
        <source>项目(&amp;P)</source>
        <translation>&amp;Project</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="270"/>
        <source>视图(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="276"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="278"/>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="280"/>
        <location filename="../../planner/ui/main_window.py" line="387"/>
        <source>键盘快捷键</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="281"/>
        <location filename="../../planner/ui/main_window.py" line="403"/>
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="329"/>
        <source>登记不在岗时段…</source>
        <translation>Record an absence…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="336"/>
        <source>工具栏</source>
        <translation>Toolbar</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="360"/>
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="360"/>
        <source>新的界面语言将在重新启动后生效。现在重新启动吗？</source>
        <translation>The new language applies after a restart. Restart now?</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="375"/>
        <source>全局搜索（支持拼音首字母）</source>
        <translation>Global search (pinyin initials work too)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="404"/>
        <source>联合报道策划 —— 川渝媒体联合体的联合报道离线策划工具。
当前数据库：{path}</source>
        <translation>Joint-Coverage Planner — offline planning of joint coverage for the Sichuan–Chongqing media alliances.
Database: {path}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="409"/>
        <source>联合报道策划</source>
        <translation>Joint-Coverage Planner</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="413"/>
        <source>（只读）</source>
        <translation> (read-only)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="440"/>
        <source>项目 {projects} · 环节 {stages} · 任务 {assignments} · 媒体单位 {outlets} · 联合体 {alliances} · 人员 {people}</source>
        <translation>Projects {projects} · stages {stages} · assignments {assignments} · outlets {outlets} · alliances {alliances} · people {people}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="422"/>
        <source>本席：{desk}</source>
        <translation>Desk: {desk}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="327"/>
        <source>新建项目…</source>
        <translation>New project…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="327"/>
        <source>新建媒体单位…</source>
        <translation>New Outlet…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="328"/>
        <source>新建联合体…</source>
        <translation>New Alliance…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="328"/>
        <source>新建人员…</source>
        <translation>New Person…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="391"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="422"/>
        <source>本席未设置（文件 ▸ 设置）</source>
        <translation>Desk not set (File ▸ Settings)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="455"/>
        <source>已打开：{label}</source>
        <translation>Opened: {label}</translation>
    </message>
</context>
<context>
    <name>MatrixEdits</name>
    <message>
        <location filename="../../planner/ui/workspace/matrix_edits.py" line="77"/>
        <source>安排{outlet}报道“{stage}”</source>
        <translation>Assign {outlet} to “{stage}”</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/matrix_edits.py" line="120"/>
        <location filename="../../planner/ui/workspace/matrix_edits.py" line="215"/>
        <source>编辑 {piece}…</source>
        <translation>Edit {piece}…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/matrix_edits.py" line="122"/>
        <location filename="../../planner/ui/workspace/matrix_edits.py" line="221"/>
        <source>再加一种形式…</source>
        <translation>Add Another Format…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/matrix_edits.py" line="173"/>
        <location filename="../../planner/ui/workspace/matrix_edits.py" line="217"/>
        <source>删除 {piece}</source>
        <translation>Delete {piece}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/matrix_edits.py" line="175"/>
        <source>删除这一格的全部 {n} 项</source>
        <translation>Delete all {n} in this cell</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/matrix_edits.py" line="185"/>
        <source>删除任务：{where}</source>
        <translation>Delete assignment: {where}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/matrix_edits.py" line="186"/>
        <source>删除 {n} 项任务：{where}</source>
        <translation>Delete {n} assignments: {where}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/matrix_edits.py" line="192"/>
        <source>{text}。可以撤销（Ctrl+Z）。</source>
        <translation>{text}. Undo with Ctrl+Z.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/matrix_edits.py" line="224"/>
        <source>新建任务…</source>
        <translation>New Assignment…</translation>
    </message>
</context>
<context>
    <name>MatrixModel</name>
    <message>
        <location filename="../../planner/ui/workspace/matrix_model.py" line="331"/>
        <source>空格子：回车或双击新建任务</source>
        <translation>Empty cell: Enter or double-click for a new assignment</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/matrix_model.py" line="349"/>
        <source>把单位拖到这一行即可安排任务</source>
        <translation>Drop an outlet on this row to assign it</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/matrix_model.py" line="351"/>
        <source>该环节还没有单位报道</source>
        <translation>No outlet covers this stage yet</translation>
    </message>
</context>
<context>
    <name>MatrixTab</name>
    <message>
        <location filename="../../planner/ui/workspace/matrix_tab.py" line="63"/>
        <source>全部层级</source>
        <translation>All tiers</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/matrix_tab.py" line="67"/>
        <source>全部省份</source>
        <translation>All provinces</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/matrix_tab.py" line="72"/>
        <location filename="../../planner/ui/workspace/matrix_tab.py" line="179"/>
        <source>全部联合体</source>
        <translation>All alliances</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/matrix_tab.py" line="73"/>
        <source>显示全部单位</source>
        <translation>Show all outlets</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/matrix_tab.py" line="74"/>
        <source>显示婉拒和取消的任务</source>
        <translation>Show declined and cancelled</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/matrix_tab.py" line="76"/>
        <source>婉拒和取消的任务以灰色显示，不算作报道</source>
        <translation>Declined and cancelled assignments are shown grey; they do not count as coverage</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/matrix_tab.py" line="78"/>
        <source>筛选单位（拼音首字母亦可）</source>
        <translation>Filter outlets (pinyin too)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/matrix_tab.py" line="146"/>
        <source>行头标红：该环节还没有单位报道。双击或回车打开格子，Insert 再加一种形式，Delete 删除，右键更多。</source>
        <translation>Red row header: nobody covers that stage yet. Double-click or Enter opens a cell, Insert adds another format, Delete removes, right-click for more.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/matrix_tab.py" line="147"/>
        <source>行头标红：该环节还没有单位报道。双击或回车查看格子。</source>
        <translation>Red row header: nobody covers that stage yet. Double-click or Enter shows a cell.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/matrix_tab.py" line="211"/>
        <source>打开或关闭右侧的%1面板</source>
        <translation>Open or close the %1 panel on the right</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/matrix_tab.py" line="353"/>
        <source>还没有单位参与（或筛选后没有单位）— 从左侧把单位拖到下面的环节行上，或勾选“显示全部单位”。</source>
        <translation>No outlet takes part yet (or the filters hide them all) — drag an outlet from the left onto a stage row below, or tick “Show all outlets”.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/matrix_tab.py" line="100"/>
        <source>把单位拖到矩阵中的环节行上即可安排任务</source>
        <translation>Drag an outlet onto a stage row of the matrix to assign it</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/matrix_tab.py" line="104"/>
        <source>拖动单位到环节行 →</source>
        <translation>Drag outlets onto stage rows →</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/matrix_tab.py" line="347"/>
        <source>选择一个项目查看覆盖矩阵。</source>
        <translation>Choose a project to see its coverage matrix.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/matrix_tab.py" line="349"/>
        <source>这个项目还没有环节 — 先在“环节”页新建环节，再把单位拖到环节上。</source>
        <translation>This project has no stages yet — add stages on the Stages tab, then drag outlets onto them.</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <location filename="../../planner/ui/message_bar.py" line="23"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>NotesDialog</name>
    <message>
        <location filename="../../planner/ui/notes/dialog.py" line="18"/>
        <source>备注 · {title}</source>
        <translation>Notes · {title}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/notes/dialog.py" line="23"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>NotesThread</name>
    <message>
        <location filename="../../planner/ui/notes/thread.py" line="63"/>
        <source>还没有备注。在下面写第一条，所有协作的席位都能看到。</source>
        <translation>No notes yet. Write the first one below; every desk working on this sees it.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/notes/thread.py" line="67"/>
        <source>写一条备注（Ctrl+Enter 发送）</source>
        <translation>Write a note (Ctrl+Enter sends)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/notes/thread.py" line="70"/>
        <location filename="../../planner/ui/notes/thread.py" line="192"/>
        <source>添加备注</source>
        <translation>Add note</translation>
    </message>
    <message>
        <location filename="../../planner/ui/notes/thread.py" line="72"/>
        <source>取消修改</source>
        <translation>Cancel editing</translation>
    </message>
    <message>
        <location filename="../../planner/ui/notes/thread.py" line="75"/>
        <source>修改</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../planner/ui/notes/thread.py" line="77"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../planner/ui/notes/thread.py" line="126"/>
        <source>原备注</source>
        <translation>Earlier note</translation>
    </message>
    <message>
        <location filename="../../planner/ui/notes/thread.py" line="129"/>
        <source>（已修改）</source>
        <translation>(edited)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/notes/thread.py" line="134"/>
        <source>旧版程序或计划包写入的备注，只能查看</source>
        <translation>A note written by an older version or a plan bundle; read only</translation>
    </message>
    <message>
        <location filename="../../planner/ui/notes/thread.py" line="136"/>
        <source>修改于 {time}</source>
        <translation>Edited {time}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/notes/thread.py" line="152"/>
        <source>只有作者本人可以修改或删除这条备注</source>
        <translation>Only its author can edit or delete this note</translation>
    </message>
    <message>
        <location filename="../../planner/ui/notes/thread.py" line="161"/>
        <location filename="../../planner/ui/notes/thread.py" line="200"/>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../planner/ui/notes/thread.py" line="165"/>
        <source>修改备注（{what}）</source>
        <translation>Edit note ({what})</translation>
    </message>
    <message>
        <location filename="../../planner/ui/notes/thread.py" line="168"/>
        <source>添加备注（{what}）</source>
        <translation>Add note ({what})</translation>
    </message>
    <message>
        <location filename="../../planner/ui/notes/thread.py" line="183"/>
        <source>保存修改</source>
        <translation>Save changes</translation>
    </message>
    <message>
        <location filename="../../planner/ui/notes/thread.py" line="202"/>
        <source>删除备注（{what}）</source>
        <translation>Delete note ({what})</translation>
    </message>
</context>
<context>
    <name>OutletDialog</name>
    <message>
        <location filename="../../planner/ui/directory/outlet_dialog.py" line="30"/>
        <source>编辑媒体单位</source>
        <translation>Edit outlet</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/outlet_dialog.py" line="30"/>
        <source>新建媒体单位</source>
        <translation>New outlet</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/outlet_dialog.py" line="33"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/outlet_dialog.py" line="34"/>
        <source>简称</source>
        <translation>Short name</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/outlet_dialog.py" line="35"/>
        <source>层级</source>
        <translation>Tier</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/outlet_dialog.py" line="38"/>
        <source>所在地</source>
        <translation>Place</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/outlet_dialog.py" line="39"/>
        <source>平台</source>
        <translation>Platform</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/outlet_dialog.py" line="43"/>
        <source>上级单位</source>
        <translation>Parent outlet</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/outlet_dialog.py" line="44"/>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/outlet_dialog.py" line="56"/>
        <source>可承担形式</source>
        <translation>Formats</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/outlet_dialog.py" line="57"/>
        <source>产能（同时承担任务上限）</source>
        <translation>Capacity (max. open assignments)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/outlet_dialog.py" line="59"/>
        <source>不限</source>
        <translation>No limit</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/outlet_dialog.py" line="60"/>
        <source>联系人</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/outlet_dialog.py" line="61"/>
        <source>联系电话</source>
        <translation>Contact phone</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/outlet_dialog.py" line="62"/>
        <source>联系邮箱</source>
        <translation>Contact e-mail</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/outlet_dialog.py" line="63"/>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/outlet_dialog.py" line="68"/>
        <source>如 028-86961234 或 138 1234 5678</source>
        <translation>e.g. 028-86961234 or 138 1234 5678</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/outlet_dialog.py" line="110"/>
        <source>新建媒体单位“{name}”</source>
        <translation>New outlet “{name}”</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/outlet_dialog.py" line="120"/>
        <source>修改媒体单位“{name}”</source>
        <translation>Edit outlet “{name}”</translation>
    </message>
</context>
<context>
    <name>OutletImport</name>
    <message>
        <location filename="../../planner/ui/directory/import_outlets.py" line="35"/>
        <location filename="../../planner/ui/directory/import_outlets.py" line="87"/>
        <location filename="../../planner/ui/directory/import_outlets.py" line="90"/>
        <location filename="../../planner/ui/directory/import_outlets.py" line="112"/>
        <source>导入媒体单位</source>
        <translation>Import outlets</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/import_outlets.py" line="36"/>
        <source>表格 (*.csv *.xlsx)</source>
        <translation>Spreadsheets (*.csv *.xlsx)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/import_outlets.py" line="41"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/import_outlets.py" line="74"/>
        <source>正在检查 {path}…</source>
        <translation>Checking {path}…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/import_outlets.py" line="80"/>
        <source>共 {rows} 行，可导入 {good} 家媒体单位。</source>
        <translation>{rows} rows; {good} outlets can be imported.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/import_outlets.py" line="82"/>
        <source>{n} 行有问题，将被跳过：</source>
        <translation>{n} rows have problems and will be skipped:</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/import_outlets.py" line="83"/>
        <source>第 {line} 行：{text}</source>
        <translation>Line {line}: {text}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/import_outlets.py" line="89"/>
        <source>导入前会自动备份数据库；导入本身不能撤销。继续吗？</source>
        <translation>The database is backed up automatically first; the import itself cannot be undone. Continue?</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/import_outlets.py" line="96"/>
        <source>正在导入…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/import_outlets.py" line="108"/>
        <source>已导入 {n} 家媒体单位。</source>
        <translation>Imported {n} outlets.</translation>
    </message>
</context>
<context>
    <name>OutletListModel</name>
    <message>
        <location filename="../../planner/ui/workspace/outlet_list_model.py" line="46"/>
        <source>媒体单位</source>
        <translation>Outlets</translation>
    </message>
</context>
<context>
    <name>OutletTableModel</name>
    <message>
        <location filename="../../planner/ui/directory/outlets_model.py" line="39"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/outlets_model.py" line="40"/>
        <source>简称</source>
        <translation>Short name</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/outlets_model.py" line="41"/>
        <source>层级</source>
        <translation>Tier</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/outlets_model.py" line="42"/>
        <source>地区</source>
        <translation>Region</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/outlets_model.py" line="43"/>
        <source>平台</source>
        <translation>Platform</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/outlets_model.py" line="44"/>
        <source>可承担形式</source>
        <translation>Formats</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/outlets_model.py" line="45"/>
        <source>产能</source>
        <translation>Capacity</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/outlets_model.py" line="46"/>
        <source>联系人</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/outlets_model.py" line="47"/>
        <source>所属联合体</source>
        <translation>Alliances</translation>
    </message>
</context>
<context>
    <name>OutletsPage</name>
    <message>
        <location filename="../../planner/ui/directory/outlets_page.py" line="51"/>
        <source>筛选媒体单位：名称、地区、平台、联系人…</source>
        <translation>Filter outlets: name, region, platform, contact…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/outlets_page.py" line="54"/>
        <source>全部层级</source>
        <translation>All tiers</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/outlets_page.py" line="57"/>
        <source>全部地区</source>
        <translation>All regions</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/outlets_page.py" line="59"/>
        <source>全部平台</source>
        <translation>All platforms</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/outlets_page.py" line="61"/>
        <source>全部联合体</source>
        <translation>All alliances</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/outlets_page.py" line="64"/>
        <source>从表格导入…</source>
        <translation>Import from Sheet…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/outlets_page.py" line="66"/>
        <source>在图谱中查看</source>
        <translation>Show in graph</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/outlets_page.py" line="76"/>
        <source>还没有媒体单位。
点击“新建…”（Ctrl+N）添加一家，或点击“从表格导入…”从 CSV/Excel 表格批量导入。</source>
        <translation>No outlets yet.
Click “New…” (Ctrl+N) to add one, or “Import from Sheet…” to import a CSV/Excel sheet.</translation>
    </message>
</context>
<context>
    <name>OverviewTab</name>
    <message>
        <location filename="../../planner/ui/workspace/overview_tab.py" line="49"/>
        <source>编辑项目…</source>
        <translation>Edit project…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/overview_tab.py" line="70"/>
        <source>单击跳转到出问题的环节或任务</source>
        <translation>Click to jump to the stage or assignment at fault</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/overview_tab.py" line="99"/>
        <source>未定</source>
        <translation>Not set</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/overview_tab.py" line="100"/>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/overview_tab.py" line="102"/>
        <source>日期</source>
        <translation>Dates</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/overview_tab.py" line="103"/>
        <source>牵头单位</source>
        <translation>Lead outlet</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/overview_tab.py" line="103"/>
        <location filename="../../planner/ui/workspace/overview_tab.py" line="104"/>
        <source>未指定</source>
        <translation>Not chosen</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/overview_tab.py" line="104"/>
        <source>协调人</source>
        <translation>Coordinator</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/overview_tab.py" line="105"/>
        <source>要求的形式</source>
        <translation>Required formats</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/overview_tab.py" line="106"/>
        <source>规模</source>
        <translation>Size</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/overview_tab.py" line="106"/>
        <source>{stages} 个环节 · {assignments} 项有效任务 · {outlets} 家单位 · {uncovered} 个环节无人报道</source>
        <translation>{stages} stages · {assignments} active assignments · {outlets} outlets · {uncovered} stages not covered</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/overview_tab.py" line="120"/>
        <source>缺口与冲突（{n}）— 单击一项跳到出问题的地方</source>
        <translation>Gaps and clashes ({n}) — click one to go to the item at fault</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/overview_tab.py" line="122"/>
        <source>还没有环节。按 Ctrl+Shift+T 新建环节，再把单位拖到覆盖矩阵的环节行上。</source>
        <translation>No stages yet. Press Ctrl+Shift+T to add one, then drag outlets onto its row in the coverage matrix.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/overview_tab.py" line="124"/>
        <source>没有发现缺口或冲突。</source>
        <translation>No gaps or clashes found.</translation>
    </message>
</context>
<context>
    <name>PeopleDialog</name>
    <message>
        <location filename="../../planner/ui/workspace/people_dialog.py" line="26"/>
        <source>安排人员</source>
        <translation>Assign people</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/people_dialog.py" line="28"/>
        <source>任务</source>
        <translation>Assignment</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/people_dialog.py" line="32"/>
        <source>人员</source>
        <translation>People</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/people_dialog.py" line="36"/>
        <source>该单位还没有登记人员 — 请先在“人员”页添加。</source>
        <translation>No people registered for this outlet — add them on the People page first.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/people_dialog.py" line="40"/>
        <source>安排人员：{task}</source>
        <translation>Assign people: {task}</translation>
    </message>
</context>
<context>
    <name>PeoplePage</name>
    <message>
        <location filename="../../planner/ui/directory/people_page.py" line="28"/>
        <source>筛选人员：姓名、单位、电话…</source>
        <translation>Filter people: name, outlet, phone…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/people_page.py" line="32"/>
        <source>全部角色</source>
        <translation>All roles</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/people_page.py" line="35"/>
        <source>全部层级</source>
        <translation>All tiers</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/people_page.py" line="38"/>
        <source>全部地区</source>
        <translation>All regions</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/people_page.py" line="41"/>
        <source>全部平台</source>
        <translation>All platforms</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/people_page.py" line="44"/>
        <source>全部联合体</source>
        <translation>All alliances</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/people_page.py" line="47"/>
        <source>在岗与否</source>
        <translation>Active or not</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/people_page.py" line="47"/>
        <source>仅在岗</source>
        <translation>Active only</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/people_page.py" line="47"/>
        <source>仅不在岗</source>
        <translation>Inactive only</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/people_page.py" line="62"/>
        <source>还没有人员。
点击“新建…”（Ctrl+N）为单位添加记者、编辑等人员。</source>
        <translation>No people yet.
Click “New…” (Ctrl+N) to add reporters, editors and other staff to an outlet.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/people_page.py" line="63"/>
        <source>还没有人员。
先在“媒体单位”页添加单位，再点击“新建…”（Ctrl+N）为单位添加记者、编辑等人员。</source>
        <translation>No people yet.
Add outlets on the Outlets page first, then click “New…” (Ctrl+N) to add their reporters, editors and crews.</translation>
    </message>
</context>
<context>
    <name>PeoplePicker</name>
    <message>
        <location filename="../../planner/ui/workspace/people_picker.py" line="67"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/people_picker.py" line="68"/>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/people_picker.py" line="69"/>
        <source>单位</source>
        <translation>Outlet</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/people_picker.py" line="134"/>
        <source>不在岗，不能安排</source>
        <translation>Inactive: cannot be assigned</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/people_picker.py" line="205"/>
        <source>当时</source>
        <extracomment>Why a person may not be free for the stage being staffed (planner.ui.schedule.busy), by id.</extracomment>
        <translation>At that time</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/people_picker.py" line="213"/>
        <source>筛选：姓名、拼音或单位</source>
        <translation>Filter: name, pinyin or outlet</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/people_picker.py" line="236"/>
        <source>还没有可选的人员。先在“人员”页（Ctrl+4）为单位添加人员。</source>
        <extracomment>Said instead of an empty table: where people come from (a directory loaded without staff).</extracomment>
        <translation>No people to choose from yet. Add them to their outlets on the People page (Ctrl+4).</translation>
    </message>
</context>
<context>
    <name>PersonDialog</name>
    <message>
        <location filename="../../planner/ui/directory/person_dialog.py" line="23"/>
        <source>编辑人员</source>
        <translation>Edit person</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/person_dialog.py" line="23"/>
        <source>新建人员</source>
        <translation>New person</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/person_dialog.py" line="25"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/person_dialog.py" line="26"/>
        <source>所属单位</source>
        <translation>Outlet</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/person_dialog.py" line="26"/>
        <source>（请选择）</source>
        <translation>(choose)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/person_dialog.py" line="27"/>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/person_dialog.py" line="30"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/person_dialog.py" line="31"/>
        <source>邮箱</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/person_dialog.py" line="32"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/person_dialog.py" line="32"/>
        <source>在岗，可派任务</source>
        <translation>Active: can be assigned</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/person_dialog.py" line="34"/>
        <source>如 138 1234 5678 或 028-86961234 转 8012</source>
        <translation>e.g. 138 1234 5678 or 028-86961234 ext. 8012</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/person_dialog.py" line="64"/>
        <source>新建人员“{name}”</source>
        <translation>New person “{name}”</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/person_dialog.py" line="70"/>
        <source>修改人员“{name}”</source>
        <translation>Edit person “{name}”</translation>
    </message>
</context>
<context>
    <name>PersonTableModel</name>
    <message>
        <location filename="../../planner/ui/directory/people_model.py" line="31"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/people_model.py" line="32"/>
        <source>所属单位</source>
        <translation>Outlet</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/people_model.py" line="33"/>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/people_model.py" line="34"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/people_model.py" line="35"/>
        <source>邮箱</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/people_model.py" line="36"/>
        <source>在岗</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/people_model.py" line="36"/>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../planner/ui/directory/people_model.py" line="36"/>
        <source>否</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>PlaceEdit</name>
    <message>
        <location filename="../../planner/ui/directory/place_edit.py" line="23"/>
        <source>地名、拼音或首字母，如 温江、wj；或行政区划代码</source>
        <translation>Place name, pinyin or initials, e.g. 温江 or wj; or a division code</translation>
    </message>
</context>
<context>
    <name>PrintSheets</name>
    <message>
        <location filename="../../planner/ui/export/__init__.py" line="33"/>
        <source>打印任务单…</source>
        <translation>Print assignment sheets…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export/__init__.py" line="35"/>
        <source>打印当前项目的任务单（先预览）</source>
        <translation>Print the current project&apos;s assignment sheets (preview first)</translation>
    </message>
</context>
<context>
    <name>ProjectActions</name>
    <message>
        <location filename="../../planner/ui/workspace/project_actions.py" line="31"/>
        <source>新建项目…</source>
        <translation>New project…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/project_actions.py" line="33"/>
        <source>从模板新建…</source>
        <translation>New from template…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/project_actions.py" line="34"/>
        <source>新建突发联动…</source>
        <translation>New emergency coverage…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/project_actions.py" line="35"/>
        <source>补位建议</source>
        <translation>Staffing suggestions</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/project_actions.py" line="36"/>
        <source>编辑项目…</source>
        <translation>Edit project…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/project_actions.py" line="37"/>
        <source>复制项目…</source>
        <translation>Duplicate project…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/project_actions.py" line="38"/>
        <source>删除项目…</source>
        <translation>Delete project…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/project_actions.py" line="39"/>
        <source>新建环节…</source>
        <translation>New stage…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/project_actions.py" line="108"/>
        <source>复制项目</source>
        <translation>Duplicate project</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/project_actions.py" line="108"/>
        <source>新项目的标题：</source>
        <translation>Title of the new project:</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/project_actions.py" line="109"/>
        <source>{title}（副本）</source>
        <translation>{title} (copy)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/project_actions.py" line="114"/>
        <source>复制项目“{title}”</source>
        <translation>Duplicate project “{title}”</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/project_actions.py" line="126"/>
        <source>删除项目</source>
        <translation>Delete project</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/project_actions.py" line="127"/>
        <source>删除项目“{title}”及其全部环节和任务？可以撤销。</source>
        <translation>Delete project “{title}” with all its stages and assignments? You can undo this.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/project_actions.py" line="131"/>
        <source>删除项目“{title}”</source>
        <translation>Delete project “{title}”</translation>
    </message>
</context>
<context>
    <name>ProjectDialog</name>
    <message>
        <location filename="../../planner/ui/workspace/project_dialog.py" line="24"/>
        <source>编辑项目</source>
        <translation>Edit project</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/project_dialog.py" line="24"/>
        <source>新建项目</source>
        <translation>New project</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/project_dialog.py" line="27"/>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/project_dialog.py" line="28"/>
        <source>项目编号</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/project_dialog.py" line="29"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/project_dialog.py" line="32"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/project_dialog.py" line="35"/>
        <source>开始日期</source>
        <translation>Start date</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/project_dialog.py" line="36"/>
        <source>结束日期</source>
        <translation>End date</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/project_dialog.py" line="39"/>
        <source>牵头单位</source>
        <translation>Lead outlet</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/project_dialog.py" line="39"/>
        <location filename="../../planner/ui/workspace/project_dialog.py" line="41"/>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/project_dialog.py" line="41"/>
        <source>协调人</source>
        <translation>Coordinator</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/project_dialog.py" line="43"/>
        <source>要求的形式</source>
        <translation>Required formats</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/project_dialog.py" line="44"/>
        <source>简介</source>
        <translation>Summary</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/project_dialog.py" line="81"/>
        <source>新建项目“{title}”</source>
        <translation>Create project “{title}”</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/project_dialog.py" line="91"/>
        <source>修改项目“{title}”</source>
        <translation>Edit project “{title}”</translation>
    </message>
</context>
<context>
    <name>ProjectListModel</name>
    <message>
        <location filename="../../planner/ui/workspace/project_list_model.py" line="39"/>
        <source>项目</source>
        <translation>Projects</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/project_list_model.py" line="39"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/project_list_model.py" line="39"/>
        <source>环节</source>
        <translation>Stages</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/project_list_model.py" line="40"/>
        <source>任务</source>
        <translation>Assignments</translation>
    </message>
</context>
<context>
    <name>ProjectsPage</name>
    <message>
        <location filename="../../planner/ui/workspace/page.py" line="83"/>
        <source>搜索项目…</source>
        <translation>Search projects…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/page.py" line="101"/>
        <source>新建项目</source>
        <translation>New project</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/page.py" line="103"/>
        <source>从模板新建</source>
        <translation>New from template</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/page.py" line="105"/>
        <source>还没有项目。
新建一个，或从模板创建。</source>
        <translation>No projects yet.
Create one, or start from a template.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/page.py" line="118"/>
        <source>突发联动</source>
        <translation>Emergency</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/page.py" line="119"/>
        <source>新建突发联动：地点和时间 → 推荐单位 → 回执表（Ctrl+Shift+U）</source>
        <translation>New emergency coverage: place and time → proposed outlets → reply sheets (Ctrl+Shift+U)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/page.py" line="128"/>
        <source>概览</source>
        <translation>Overview</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/page.py" line="129"/>
        <source>环节</source>
        <translation>Stages</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/page_tabs.py" line="91"/>
        <source>补位建议</source>
        <translation>Staffing suggestions</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/page.py" line="139"/>
        <source>覆盖矩阵</source>
        <translation>Coverage matrix</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/page.py" line="140"/>
        <source>任务</source>
        <translation>Assignments</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/page.py" line="141"/>
        <source>时间线</source>
        <translation>Timeline</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/page.py" line="142"/>
        <source>历史</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/page.py" line="147"/>
        <location filename="../../planner/ui/workspace/page.py" line="358"/>
        <source>选择左侧的项目，或新建一个项目。</source>
        <translation>Choose a project on the left, or create one.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/page.py" line="432"/>
        <source>正在加载项目…</source>
        <translation>Loading the project…</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <location filename="../../planner/ui/workspace/reason_dialog.py" line="19"/>
        <source>需要原因</source>
        <translation>Reason required</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/reason_dialog.py" line="22"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/reason_dialog.py" line="23"/>
        <source>如 人手不足、改由他台报道</source>
        <translation>e.g. short of staff, covered by another station</translation>
    </message>
</context>
<context>
    <name>RecurrenceBox</name>
    <message>
        <location filename="../../planner/ui/series/recurrence_box.py" line="44"/>
        <source>重复，按规则建一组环节（系列）</source>
        <translation>Repeat: make a series of stages from a pattern</translation>
    </message>
    <message>
        <location filename="../../planner/ui/series/recurrence_box.py" line="46"/>
        <source>每周</source>
        <translation>Weekly</translation>
    </message>
    <message>
        <location filename="../../planner/ui/series/recurrence_box.py" line="47"/>
        <source>每月</source>
        <translation>Monthly</translation>
    </message>
    <message>
        <location filename="../../planner/ui/series/recurrence_box.py" line="50"/>
        <source>每 </source>
        <translation>Every </translation>
    </message>
    <message>
        <location filename="../../planner/ui/series/recurrence_box.py" line="51"/>
        <source> 个周期</source>
        <translation> periods</translation>
    </message>
    <message>
        <location filename="../../planner/ui/series/recurrence_box.py" line="52"/>
        <source>周一,周二,周三,周四,周五,周六,周日</source>
        <translation>Mon,Tue,Wed,Thu,Fri,Sat,Sun</translation>
    </message>
    <message>
        <location filename="../../planner/ui/series/recurrence_box.py" line="62"/>
        <source>每月的第几日</source>
        <translation>On a day of the month</translation>
    </message>
    <message>
        <location filename="../../planner/ui/series/recurrence_box.py" line="63"/>
        <source>每月最后一天</source>
        <translation>On the last day of the month</translation>
    </message>
    <message>
        <location filename="../../planner/ui/series/recurrence_box.py" line="64"/>
        <source>每月第几个星期几</source>
        <translation>On an nth weekday</translation>
    </message>
    <message>
        <location filename="../../planner/ui/series/recurrence_box.py" line="67"/>
        <source> 日</source>
        <translation> (day of the month)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/series/recurrence_box.py" line="69"/>
        <source>第一个</source>
        <translation>1st</translation>
    </message>
    <message>
        <location filename="../../planner/ui/series/recurrence_box.py" line="69"/>
        <source>第二个</source>
        <translation>2nd</translation>
    </message>
    <message>
        <location filename="../../planner/ui/series/recurrence_box.py" line="69"/>
        <source>第三个</source>
        <translation>3rd</translation>
    </message>
    <message>
        <location filename="../../planner/ui/series/recurrence_box.py" line="69"/>
        <source>第四个</source>
        <translation>4th</translation>
    </message>
    <message>
        <location filename="../../planner/ui/series/recurrence_box.py" line="70"/>
        <source>最后一个</source>
        <translation>Last</translation>
    </message>
    <message>
        <location filename="../../planner/ui/series/recurrence_box.py" line="85"/>
        <source>共几次</source>
        <translation>Number of times</translation>
    </message>
    <message>
        <location filename="../../planner/ui/series/recurrence_box.py" line="86"/>
        <source>截止日期</source>
        <translation>Until</translation>
    </message>
    <message>
        <location filename="../../planner/ui/series/recurrence_box.py" line="90"/>
        <source> 次</source>
        <translation> times</translation>
    </message>
    <message>
        <location filename="../../planner/ui/series/recurrence_box.py" line="153"/>
        <source> 周</source>
        <translation> week(s)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/series/recurrence_box.py" line="153"/>
        <source> 个月</source>
        <translation> month(s)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/series/recurrence_box.py" line="166"/>
        <source>系列</source>
        <translation>Series</translation>
    </message>
    <message>
        <location filename="../../planner/ui/series/recurrence_box.py" line="178"/>
        <source>{rule}：将建 {n} 个环节（{dates}{more}）</source>
        <translation>{rule}: makes {n} stages ({dates}{more})</translation>
    </message>
</context>
<context>
    <name>RejectDialog</name>
    <message>
        <location filename="../../planner/ui/suggest/reject_dialog.py" line="24"/>
        <source>该单位已明确不参加</source>
        <translation>The outlet has declined</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/reject_dialog.py" line="25"/>
        <source>人手已派往其他现场</source>
        <translation>Its staff are at another scene</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/reject_dialog.py" line="26"/>
        <source>设备或直播条件不具备</source>
        <translation>No equipment or live link</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/reject_dialog.py" line="27"/>
        <source>路程太远，赶不及</source>
        <translation>Too far to arrive in time</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/reject_dialog.py" line="36"/>
        <source>否决补位建议</source>
        <translation>Reject suggestion</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/reject_dialog.py" line="43"/>
        <source>例如：该单位已明确不参加</source>
        <translation>e.g. the outlet has declined</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/reject_dialog.py" line="47"/>
        <source>仅在环节“{stage}”不再建议</source>
        <translation>Do not suggest it again for stage “{stage}”</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/reject_dialog.py" line="48"/>
        <source>在本项目的所有环节都不再建议</source>
        <translation>Do not suggest it again anywhere in this project</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/reject_dialog.py" line="54"/>
        <source>单位：</source>
        <translation>Outlet:</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/reject_dialog.py" line="55"/>
        <source>理由：</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/reject_dialog.py" line="57"/>
        <source>否决</source>
        <translation>Reject</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/reject_dialog.py" line="58"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/reject_dialog.py" line="80"/>
        <source>请写明否决的理由（会记在项目里，同事也能看到）。</source>
        <translation>Please give the reason (it is kept with the project for your colleagues).</translation>
    </message>
</context>
<context>
    <name>ReplyPreviewDialog</name>
    <message>
        <location filename="../../planner/ui/exchange/reply_dialog.py" line="30"/>
        <source>导入回执</source>
        <translation>Import replies</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/reply_dialog.py" line="36"/>
        <source>%1 的回执（%2）：修改 %3 项任务，新增人员 %4 人，新备注 %7 条，未变 %5 项，有误 %6 行。</source>
        <translation>Replies of %1 (%2): %3 assignments changed, %4 people added, %7 new notes, %5 unchanged, %6 rows with problems.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/reply_dialog.py" line="44"/>
        <source>任务</source>
        <translation>Assignments</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/reply_dialog.py" line="44"/>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/reply_dialog.py" line="44"/>
        <source>本地现在</source>
        <translation>Here now</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/reply_dialog.py" line="44"/>
        <source>回执</source>
        <translation>Reply</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/reply_dialog.py" line="56"/>
        <source>新增人员</source>
        <translation>New person</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/reply_dialog.py" line="58"/>
        <source>新备注</source>
        <translation>New note</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/reply_dialog.py" line="61"/>
        <source>第 %1 行</source>
        <translation>Row %1</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/reply_dialog.py" line="61"/>
        <source>未采用</source>
        <translation>Not taken</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/reply_dialog.py" line="68"/>
        <source>回执与本地一致，无需更改。</source>
        <translation>The replies match what you have: nothing to change.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/reply_dialog.py" line="73"/>
        <source>跳过有误的行并导入</source>
        <translation>Skip the rows with problems and import</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/reply_dialog.py" line="73"/>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../planner/ui/exchange/reply_dialog.py" line="75"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>SavedViewsBar</name>
    <message>
        <location filename="../../planner/ui/saved_views.py" line="194"/>
        <location filename="../../planner/ui/saved_views.py" line="196"/>
        <location filename="../../planner/ui/saved_views.py" line="240"/>
        <source>保存视图</source>
        <extracomment>at most this many named views per page and database a stored state larger than this (characters of JSON) is ignored asks for a name (title, label, suggestion) → (text, ok); replaceable in tests asks to replace a view of the same name → yes; replaceable in tests
----------
shows why a name was refused; replaceable in tests</extracomment>
        <translation>Save view</translation>
    </message>
    <message>
        <location filename="../../planner/ui/saved_views.py" line="199"/>
        <source>保存过的筛选条件和列</source>
        <translation>Saved filters and columns</translation>
    </message>
    <message>
        <location filename="../../planner/ui/saved_views.py" line="208"/>
        <source>视图：{name}</source>
        <translation>View: {name}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/saved_views.py" line="208"/>
        <source>视图</source>
        <translation>View</translation>
    </message>
    <message>
        <location filename="../../planner/ui/saved_views.py" line="219"/>
        <source>（还没有保存的视图）</source>
        <translation>(no saved views yet)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/saved_views.py" line="222"/>
        <source>保存当前筛选为视图…</source>
        <translation>Save the current filters as a view…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/saved_views.py" line="223"/>
        <source>删除视图</source>
        <translation>Delete view</translation>
    </message>
    <message>
        <location filename="../../planner/ui/saved_views.py" line="240"/>
        <source>视图名称：</source>
        <translation>View name:</translation>
    </message>
    <message>
        <location filename="../../planner/ui/saved_views.py" line="246"/>
        <source>已有名为“{name}”的视图，替换它吗？</source>
        <translation>A view named “{name}” exists. Replace it?</translation>
    </message>
</context>
<context>
    <name>ScheduleEdits</name>
    <message>
        <location filename="../../planner/ui/schedule/edits.py" line="51"/>
        <source>移动截稿时间：{title}</source>
        <translation>Move deadline: {title}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/edits.py" line="58"/>
        <source>移动环节：{title}</source>
        <translation>Move stage: {title}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/edits.py" line="58"/>
        <source>调整环节时间：{title}</source>
        <translation>Change stage times: {title}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/edits.py" line="69"/>
        <source>{m}月{d}日 {hm}</source>
        <translation>{m}/{d} {hm}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/edits.py" line="70"/>
        <source>“{title}”已改到 {when}。</source>
        <translation>“{title}” now starts {when}.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/edits.py" line="72"/>
        <source>其 {n} 个未完成任务的截稿时间随之移动。</source>
        <translation>The deadlines of its {n} open assignments moved with it.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/edits.py" line="73"/>
        <source>（Ctrl+Z 撤销）</source>
        <translation> (Ctrl+Z to undo)</translation>
    </message>
</context>
<context>
    <name>SchedulePage</name>
    <message>
        <location filename="../../planner/ui/schedule/page.py" line="98"/>
        <source>输入姓名、单位或项目</source>
        <translation>Type a name, outlet or project</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/page.py" line="106"/>
        <source>日</source>
        <translation>Day</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/page.py" line="106"/>
        <source>周</source>
        <translation>Week</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/page.py" line="106"/>
        <source>月</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/page.py" line="118"/>
        <source>今天</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/page.py" line="119"/>
        <source>回到今天（Home）</source>
        <translation>Back to today (Home)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/page.py" line="117"/>
        <source>上一段（PgUp）</source>
        <translation>Previous (PgUp)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/page.py" line="122"/>
        <source>下一段（PgDown）</source>
        <translation>Next (PgDown)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/page.py" line="128"/>
        <source>不在岗</source>
        <translation>Absences</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/page.py" line="131"/>
        <source>登记不在岗时段…</source>
        <translation>Record an absence…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/page.py" line="132"/>
        <source>查看和修改不在岗时段…</source>
        <translation>View and edit absences…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/page.py" line="133"/>
        <source>从表格导入…</source>
        <translation>Import from a sheet…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/page.py" line="136"/>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/page.py" line="139"/>
        <source>打印本周…</source>
        <translation>Print this week…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/page.py" line="140"/>
        <source>本周导出为 PDF…</source>
        <translation>Save this week as PDF…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/page.py" line="177"/>
        <source>日程</source>
        <translation>Schedule</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/page.py" line="178"/>
        <location filename="../../planner/ui/schedule/page.py" line="460"/>
        <source>到期</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/page.py" line="304"/>
        <source>{y}年{m}月{d}日</source>
        <translation>{y}-{m}-{d}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/page.py" line="307"/>
        <source>{y}年{m}月{d}日 – {m2}月{d2}日</source>
        <translation>{y}-{m}-{d} – {m2}-{d2}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/page.py" line="310"/>
        <source>{y}年{m}月</source>
        <translation>{y}-{m}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/page.py" line="388"/>
        <source>读取日程失败：{error}</source>
        <translation>Could not read the schedule: {error}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/page.py" line="407"/>
        <source>还没有人员、单位或项目。先在“项目”页新建项目并安排单位和人员，日程就会出现在这里。</source>
        <translation>There are no people, outlets or projects yet. Create a project on the Projects page and assign outlets and people: their schedules appear here.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/page.py" line="409"/>
        <source>选择人员、单位或项目，查看其日程。</source>
        <translation>Choose a person, an outlet or a project to see their schedule.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/page.py" line="411"/>
        <source>这段时间没有环节、截稿或不在岗安排。</source>
        <translation>No stages, deadlines or absences in this period.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/page.py" line="419"/>
        <source>跳到最近一项：{y}年{m}月{d}日</source>
        <translation>Latest item: {y}-{m}-{d}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/page.py" line="421"/>
        <source>跳到下一项：{m}月{d}日</source>
        <translation>Next item: {m}/{d}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/page.py" line="428"/>
        <source>蓝：站点 · 绿：阶段 · 橙：活动</source>
        <translation>Blue: station · Green: phase · Orange: event</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/page.py" line="430"/>
        <source>颜色区分项目</source>
        <translation>Colours tell projects apart</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/page.py" line="432"/>
        <source>红框：人员冲突 · 红条：截稿 · 灰色斜纹：不在岗</source>
        <translation>Red frame: people clash · Red bar: deadline · Grey hatching: away</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/page.py" line="433"/>
        <source>红框：人员冲突 · 红条：截稿 · 灰色斜纹：不在岗 · 拖动可改时间（Ctrl+Z 撤销）</source>
        <translation>Red frame: people clash · Red bar: deadline · Grey hatching: away · Drag to change times (Ctrl+Z to undo)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/page.py" line="436"/>
        <source>本段 {n} 处冲突</source>
        <translation>{n} clashes shown</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/page.py" line="438"/>
        <source>另有 {n} 个环节未定时间</source>
        <translation>{n} more stages have no time yet</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/page.py" line="460"/>
        <source>到期（逾期 {n}）</source>
        <translation>Due ({n} overdue)</translation>
    </message>
</context>
<context>
    <name>SchedulePainter</name>
    <message>
        <location filename="../../planner/ui/schedule/render.py" line="89"/>
        <source>周一 周二 周三 周四 周五 周六 周日</source>
        <translation>Mon Tue Wed Thu Fri Sat Sun</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/render.py" line="90"/>
        <source>{month}月{day}日</source>
        <translation>{month}/{day}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/render.py" line="86"/>
        <source>截稿 · {title}</source>
        <extracomment>&quot;project&quot; (a person&apos;s or outlet&apos;s schedule spans projects) or &quot;kind&quot; (one project: station, phase, event)</extracomment>
        <translation>Due · {title}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/render.py" line="87"/>
        <source>（{n} 项）</source>
        <translation> ({n})</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/render.py" line="88"/>
        <source>（待定）</source>
        <translation> (TBC)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/render.py" line="131"/>
        <source>地点：{place}</source>
        <translation>Place: {place}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/render.py" line="138"/>
        <source>…… 另有 {n} 项</source>
        <translation>… and {n} more</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/render.py" line="141"/>
        <source>单位：{names}</source>
        <translation>Outlets: {names}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/render.py" line="143"/>
        <source>人员：{names}</source>
        <translation>People: {names}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/render.py" line="149"/>
        <source>拖动可改时间；拖上下边缘可改开始或结束时间；双击打开环节</source>
        <translation>Drag to move; drag the top or bottom edge to change the start or end; double-click to open the stage</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/render.py" line="151"/>
        <source>拖动可改截稿时间；双击打开任务</source>
        <translation>Drag to move the deadline; double-click to open the assignment</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/render.py" line="153"/>
        <source>双击修改或删除这段不在岗时间</source>
        <translation>Double-click to edit or delete this absence</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/render.py" line="361"/>
        <source>还有 {n} 项…</source>
        <translation>{n} more…</translation>
    </message>
</context>
<context>
    <name>SchedulePrint</name>
    <message>
        <location filename="../../planner/ui/schedule/printing.py" line="83"/>
        <source>{y}年{m}月{d}日 – {m2}月{d2}日</source>
        <extracomment>Logical page size: A4 landscape at 96 dots per inch (what the screen painter is made for).</extracomment>
        <translation>{y}-{m}-{d} – {m2}-{d2}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/printing.py" line="84"/>
        <source>{label} · 日程 · {span}</source>
        <translation>{label} · Schedule · {span}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/printing.py" line="89"/>
        <source>联合报道策划 · 打印于 {when}</source>
        <translation>Joint-coverage planner · printed {when}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/printing.py" line="150"/>
        <source>本周日程导出为 PDF</source>
        <translation>Save this week&apos;s schedule as PDF</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/printing.py" line="150"/>
        <source>日程.pdf</source>
        <translation>schedule.pdf</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/printing.py" line="160"/>
        <source>无法保存 {path}：{error}</source>
        <translation>Cannot save {path}: {error}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/printing.py" line="164"/>
        <source>已保存：{path}</source>
        <translation>Saved: {path}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/schedule/printing.py" line="178"/>
        <source>打印本周日程</source>
        <translation>Print this week&apos;s schedule</translation>
    </message>
</context>
<context>
    <name>SearchBox</name>
    <message>
        <location filename="../../planner/ui/search.py" line="40"/>
        <source>搜索项目、环节、单位、人员（拼音首字母亦可） Ctrl+K</source>
        <translation>Search projects, stages, outlets, people (pinyin too)  Ctrl+K</translation>
    </message>
    <message>
        <location filename="../../planner/ui/search.py" line="53"/>
        <source>项目</source>
        <translation>Project</translation>
    </message>
    <message>
        <location filename="../../planner/ui/search.py" line="53"/>
        <source>环节</source>
        <translation>Stage</translation>
    </message>
    <message>
        <location filename="../../planner/ui/search.py" line="53"/>
        <source>单位</source>
        <translation>Outlet</translation>
    </message>
    <message>
        <location filename="../../planner/ui/search.py" line="53"/>
        <source>人员</source>
        <translation>Person</translation>
    </message>
    <message>
        <location filename="../../planner/ui/search.py" line="66"/>
        <source>全局搜索</source>
        <translation>Global search</translation>
    </message>
</context>
<context>
    <name>SeriesScope</name>
    <message>
        <location filename="../../planner/ui/series/scope.py" line="16"/>
        <source>系列“{title}”第 {n}/{total} 次 · {rule}</source>
        <translation>Series “{title}”, occurrence {n} of {total} · {rule}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/series/scope.py" line="19"/>
        <source>只改这一次</source>
        <translation>This occurrence only</translation>
    </message>
    <message>
        <location filename="../../planner/ui/series/scope.py" line="20"/>
        <source>改这一次及以后各次（共 {n} 次）</source>
        <translation>This and the following occurrences ({n})</translation>
    </message>
    <message>
        <location filename="../../planner/ui/series/scope.py" line="21"/>
        <source>类型、地点和时间的改动用到以后各次（时间按同样的差值移动）；标题和前置环节只改这一次</source>
        <translation>Kind, place and time changes apply to the later occurrences too (times move by the same amount); the title and prerequisites change for this one only</translation>
    </message>
</context>
<context>
    <name>ServerFeatures</name>
    <message>
        <location filename="../../planner/ui/server/__init__.py" line="72"/>
        <source>角色：{role}</source>
        <extracomment>project id → coordinator person id, from the project list (what a coordinator may plan)</extracomment>
        <translation>Role: {role}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/server/__init__.py" line="151"/>
        <source>同在此项目：{names}</source>
        <translation>Also in this project: {names}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/server/__init__.py" line="156"/>
        <source>{who} 正在编辑“{what}”</source>
        <translation>{who} is editing “{what}”</translation>
    </message>
    <message>
        <location filename="../../planner/ui/server/__init__.py" line="174"/>
        <source>环节</source>
        <translation>Stage</translation>
    </message>
    <message>
        <location filename="../../planner/ui/server/__init__.py" line="174"/>
        <source>任务</source>
        <translation>Assignments</translation>
    </message>
    <message>
        <location filename="../../planner/ui/server/__init__.py" line="174"/>
        <source>项目</source>
        <translation>Projects</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../planner/ui/settings_dialog.py" line="41"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../planner/ui/settings_dialog.py" line="45"/>
        <source>写入修改记录，如 张编辑</source>
        <translation>Written into the change log, e.g. Editor Zhang</translation>
    </message>
    <message>
        <location filename="../../planner/ui/settings_dialog.py" line="47"/>
        <source>（未设置）</source>
        <translation>(not set)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/settings_dialog.py" line="59"/>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/settings_dialog.py" line="68"/>
        <source> 公里/小时</source>
        <translation> km/h</translation>
    </message>
    <message>
        <location filename="../../planner/ui/settings_dialog.py" line="70"/>
        <source>检查人员赶场时间时按此速度估算两个环节地点之间的行程</source>
        <translation>Speed assumed between stage places when checking whether people have time to travel</translation>
    </message>
    <message>
        <location filename="../../planner/ui/settings_dialog.py" line="77"/>
        <source>在共享服务器上，修改记录署名为登录账号：{who}</source>
        <translation>On a shared server the change log is signed with the account you signed in with: {who}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/settings_dialog.py" line="85"/>
        <source>编辑姓名</source>
        <translation>Editor&apos;s name</translation>
    </message>
    <message>
        <location filename="../../planner/ui/settings_dialog.py" line="86"/>
        <source>本席所属单位</source>
        <translation>This desk&apos;s outlet</translation>
    </message>
    <message>
        <location filename="../../planner/ui/settings_dialog.py" line="87"/>
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../planner/ui/settings_dialog.py" line="88"/>
        <source>更改语言后需重新启动程序。</source>
        <translation>A language change applies after restarting the planner.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/settings_dialog.py" line="89"/>
        <source>导出文件夹</source>
        <translation>Export folder</translation>
    </message>
    <message>
        <location filename="../../planner/ui/settings_dialog.py" line="90"/>
        <source>赶场行程速度</source>
        <translation>Travel speed</translation>
    </message>
    <message>
        <location filename="../../planner/ui/settings_dialog.py" line="92"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../planner/ui/settings_dialog.py" line="93"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../planner/ui/settings_dialog.py" line="97"/>
        <source>本席身份保存在数据库中，会记入每一条修改记录。</source>
        <translation>This desk&apos;s identity is stored in the database and written into every change-log entry.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/settings_dialog.py" line="103"/>
        <source>选择导出文件夹</source>
        <translation>Choose the export folder</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <location filename="../../planner/ui/shortcuts.py" line="39"/>
        <source>媒体单位、联合体、人员列表</source>
        <extracomment>Scope → (where, shortcuts). ``where`` names the place for the help dialog.</extracomment>
        <translation>Outlet, alliance and people tables</translation>
    </message>
    <message>
        <location filename="../../planner/ui/shortcuts.py" line="40"/>
        <source>编辑选中项</source>
        <translation>Edit the selection</translation>
    </message>
    <message>
        <location filename="../../planner/ui/shortcuts.py" line="41"/>
        <source>删除选中项</source>
        <translation>Delete the selection</translation>
    </message>
    <message>
        <location filename="../../planner/ui/shortcuts.py" line="43"/>
        <source>项目列表</source>
        <translation>Project list</translation>
    </message>
    <message>
        <location filename="../../planner/ui/shortcuts.py" line="44"/>
        <source>编辑项目</source>
        <translation>Edit project</translation>
    </message>
    <message>
        <location filename="../../planner/ui/shortcuts.py" line="45"/>
        <source>删除项目</source>
        <translation>Delete project</translation>
    </message>
    <message>
        <location filename="../../planner/ui/shortcuts.py" line="47"/>
        <source>环节列表</source>
        <translation>Stage list</translation>
    </message>
    <message>
        <location filename="../../planner/ui/shortcuts.py" line="48"/>
        <source>编辑环节</source>
        <translation>Edit stage</translation>
    </message>
    <message>
        <location filename="../../planner/ui/shortcuts.py" line="49"/>
        <source>新建环节</source>
        <translation>New stage</translation>
    </message>
    <message>
        <location filename="../../planner/ui/shortcuts.py" line="50"/>
        <source>删除环节</source>
        <translation>Delete stage</translation>
    </message>
    <message>
        <location filename="../../planner/ui/shortcuts.py" line="51"/>
        <source>环节上移</source>
        <translation>Move the stage up</translation>
    </message>
    <message>
        <location filename="../../planner/ui/shortcuts.py" line="52"/>
        <source>环节下移</source>
        <translation>Move the stage down</translation>
    </message>
    <message>
        <location filename="../../planner/ui/shortcuts.py" line="54"/>
        <source>日程</source>
        <translation>Schedule</translation>
    </message>
    <message>
        <location filename="../../planner/ui/shortcuts.py" line="55"/>
        <source>上一天、上一周或上一月</source>
        <translation>Previous day, week or month</translation>
    </message>
    <message>
        <location filename="../../planner/ui/shortcuts.py" line="56"/>
        <source>下一天、下一周或下一月</source>
        <translation>Next day, week or month</translation>
    </message>
    <message>
        <location filename="../../planner/ui/shortcuts.py" line="57"/>
        <source>回到今天</source>
        <translation>Back to today</translation>
    </message>
    <message>
        <location filename="../../planner/ui/shortcuts.py" line="58"/>
        <source>取消拖动</source>
        <translation>Cancel a drag</translation>
    </message>
    <message>
        <location filename="../../planner/ui/shortcuts.py" line="60"/>
        <source>到期任务列表</source>
        <translation>Due list</translation>
    </message>
    <message>
        <location filename="../../planner/ui/shortcuts.py" line="61"/>
        <source>在项目中打开任务</source>
        <translation>Open the assignment in its project</translation>
    </message>
    <message>
        <location filename="../../planner/ui/shortcuts.py" line="63"/>
        <source>覆盖矩阵</source>
        <translation>Coverage matrix</translation>
    </message>
    <message>
        <location filename="../../planner/ui/shortcuts.py" line="64"/>
        <source>打开格子里的任务（空格子：新建）</source>
        <translation>Open the cell&apos;s assignment (a new one in an empty cell)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/shortcuts.py" line="65"/>
        <source>在格子里再加一种形式</source>
        <translation>Add another format to the cell</translation>
    </message>
    <message>
        <location filename="../../planner/ui/shortcuts.py" line="66"/>
        <source>删除格子里的任务（可撤销）</source>
        <translation>Delete the cell&apos;s assignment (undoable)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/shortcuts.py" line="68"/>
        <source>任务列表</source>
        <translation>Assignments table</translation>
    </message>
    <message>
        <location filename="../../planner/ui/shortcuts.py" line="69"/>
        <source>编辑任务</source>
        <translation>Edit assignment</translation>
    </message>
    <message>
        <location filename="../../planner/ui/shortcuts.py" line="70"/>
        <source>删除所选任务</source>
        <translation>Delete the selected assignments</translation>
    </message>
    <message>
        <location filename="../../planner/ui/shortcuts.py" line="201"/>
        <source>全局</source>
        <translation>Everywhere</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../planner/ui/server/signin.py" line="49"/>
        <source>登录共享服务器</source>
        <translation>Sign in to the shared server</translation>
    </message>
    <message>
        <location filename="../../planner/ui/server/signin.py" line="52"/>
        <source>服务器：{server}</source>
        <translation>Server: {server}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/server/signin.py" line="55"/>
        <source>如 zhangwei</source>
        <translation>e.g. zhangwei</translation>
    </message>
    <message>
        <location filename="../../planner/ui/server/signin.py" line="58"/>
        <source>记住密码（保存在系统钥匙串中）</source>
        <translation>Remember the password (in the system keyring)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/server/signin.py" line="62"/>
        <source>未安装 keyring，密码不会保存，每次启动都需要输入。</source>
        <translation>keyring is not installed: the password is not kept and is asked at every start.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/server/signin.py" line="63"/>
        <source>记住密码（需要安装 keyring）</source>
        <translation>Remember the password (needs keyring)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/server/signin.py" line="66"/>
        <source>本机没有可用的系统钥匙串（如 Secret Service、KWallet、Windows 凭据管理器），密码不会保存，每次登录都需要输入。</source>
        <translation>This computer has no usable system keyring (such as Secret Service, KWallet or Windows Credential Manager): the password is not saved and is asked at every sign-in.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/server/signin.py" line="67"/>
        <source>记住密码（本机没有系统钥匙串）</source>
        <translation>Remember password (no system keyring on this computer)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/server/signin.py" line="69"/>
        <source>密码未保存</source>
        <extracomment>Tells the editor something after a successful sign-in (replaceable in tests).</extracomment>
        <translation>Password not saved</translation>
    </message>
    <message>
        <location filename="../../planner/ui/server/signin.py" line="76"/>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../planner/ui/server/signin.py" line="77"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../planner/ui/server/signin.py" line="80"/>
        <source>登录</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../../planner/ui/server/signin.py" line="81"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../planner/ui/server/signin.py" line="101"/>
        <source>请输入用户名。</source>
        <translation>Please enter the user name.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/server/signin.py" line="105"/>
        <source>请输入密码。</source>
        <translation>Please enter the password.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/server/signin.py" line="108"/>
        <source>正在连接…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/server/signin.py" line="119"/>
        <source>已登录，但系统钥匙串没有保存密码（可能已锁定或拒绝了请求），下次登录需要重新输入。</source>
        <translation>Signed in, but the system keyring did not save the password (it may be locked or refused the request); you will be asked for it next time.</translation>
    </message>
</context>
<context>
    <name>StageDialog</name>
    <message>
        <location filename="../../planner/ui/workspace/stage_dialog.py" line="50"/>
        <source>编辑环节</source>
        <extracomment>errors of a series&apos; pattern are shown under the 重复 field what an edit of &quot;this and the following occurrences&quot; carries to the later ones (times as deltas)</extracomment>
        <translation>Edit stage</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/stage_dialog.py" line="50"/>
        <source>新建环节</source>
        <translation>New stage</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/stage_dialog.py" line="53"/>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/stage_dialog.py" line="54"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/stage_dialog.py" line="57"/>
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/stage_dialog.py" line="58"/>
        <source>具体位置</source>
        <translation>Location</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/stage_dialog.py" line="59"/>
        <source>如 重庆西站北广场</source>
        <translation>e.g. 重庆西站北广场 (north square)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/stage_dialog.py" line="60"/>
        <source>开始</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/stage_dialog.py" line="61"/>
        <source>结束</source>
        <translation>End</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/stage_dialog.py" line="65"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/stage_dialog.py" line="65"/>
        <source>时间待定</source>
        <translation>Time to be confirmed</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/stage_dialog.py" line="66"/>
        <source>前置环节</source>
        <translation>Depends on</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/stage_dialog.py" line="80"/>
        <location filename="../../planner/ui/workspace/stage_dialog.py" line="94"/>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/stage_dialog.py" line="82"/>
        <source>第一条备注（可不填）</source>
        <translation>First note (optional)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/stage_dialog.py" line="83"/>
        <source>重复</source>
        <translation>Repeat</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/stage_dialog.py" line="93"/>
        <source>系列</source>
        <translation>Series</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/stage_dialog.py" line="170"/>
        <source>新建环节“{title}”</source>
        <translation>Create stage “{title}”</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/stage_dialog.py" line="188"/>
        <source>修改环节“{title}”及以后各次</source>
        <translation>Edit stage “{title}” and the following occurrences</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/stage_dialog.py" line="189"/>
        <source>修改环节“{title}”</source>
        <translation>Edit stage “{title}”</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/stage_dialog.py" line="198"/>
        <source>新建系列“{title}”（{n} 个环节）</source>
        <translation>New series “{title}” ({n} stages)</translation>
    </message>
</context>
<context>
    <name>StageScope</name>
    <message>
        <location filename="../../planner/ui/suggest/scope.py" line="35"/>
        <source>只为勾选的环节补位；不勾选即全部环节</source>
        <translation>Only fill the ticked stages; tick none for all stages</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/scope.py" line="45"/>
        <location filename="../../planner/ui/suggest/scope.py" line="82"/>
        <source>全部环节</source>
        <translation>All stages</translation>
    </message>
    <message numerus="yes">
        <location filename="../../planner/ui/suggest/scope.py" line="85"/>
        <source>%n 个环节</source>
        <translation>
            <numerusform>%n stage</numerusform>
            <numerusform>%n stages</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StagesModel</name>
    <message>
        <location filename="../../planner/ui/workspace/stages_model.py" line="39"/>
        <source>序</source>
        <translation>#</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/stages_model.py" line="39"/>
        <source>环节</source>
        <translation>Stage</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/stages_model.py" line="39"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/stages_model.py" line="39"/>
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/stages_model.py" line="40"/>
        <source>开始</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/stages_model.py" line="40"/>
        <source>结束</source>
        <translation>End</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/stages_model.py" line="40"/>
        <source>前置环节</source>
        <translation>Depends on</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/stages_model.py" line="41"/>
        <source>任务</source>
        <translation>Assignments</translation>
    </message>
</context>
<context>
    <name>StagesTab</name>
    <message>
        <location filename="../../planner/ui/workspace/stages_tab.py" line="62"/>
        <source>新建环节…</source>
        <translation>New stage…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/stages_tab.py" line="63"/>
        <source>编辑…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/stages_tab.py" line="64"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/stages_tab.py" line="65"/>
        <source>上移</source>
        <translation>Move up</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/stages_tab.py" line="66"/>
        <source>下移</source>
        <translation>Move down</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/stages_tab.py" line="76"/>
        <source>拖动行可调整顺序；双击编辑</source>
        <translation>Drag rows to reorder; double-click to edit</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/stages_tab.py" line="77"/>
        <source>还没有环节 — 点“新建环节…”添加站点、阶段或活动（Ctrl+Shift+T）。</source>
        <translation>No stages yet — use “New stage…” to add stations, phases or events (Ctrl+Shift+T).</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/stages_tab.py" line="191"/>
        <source>删除环节</source>
        <translation>Delete stage</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/stages_tab.py" line="192"/>
        <source>删除环节“{title}”及其全部任务？可以撤销。</source>
        <translation>Delete stage “{title}” with all its assignments? You can undo this.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/stages_tab.py" line="200"/>
        <source>删除环节“{title}”</source>
        <translation>Delete stage “{title}”</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/stages_tab.py" line="210"/>
        <source>移动环节“{title}”</source>
        <translation>Move stage “{title}”</translation>
    </message>
</context>
<context>
    <name>StationList</name>
    <message>
        <location filename="../../planner/ui/workspace/station_list.py" line="33"/>
        <source>站点</source>
        <translation>Station</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/station_list.py" line="34"/>
        <source>所在地</source>
        <translation>Place</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/station_list.py" line="43"/>
        <source>添加站点</source>
        <translation>Add Station</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/station_list.py" line="54"/>
        <source>如 重庆西站</source>
        <translation>e.g. 重庆西站</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/station_list.py" line="56"/>
        <source>按站名猜测，可改</source>
        <translation>Guessed from the station&apos;s name; change it if wrong</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/station_list.py" line="59"/>
        <source>删除这一站</source>
        <translation>Remove this station</translation>
    </message>
</context>
<context>
    <name>SuggestPanel</name>
    <message>
        <location filename="../../planner/ui/suggest/panel.py" line="120"/>
        <source>补位建议</source>
        <extracomment>the matrix layer the suggestions are previewed in the holes the optimiser closes (finding kinds of the plan analysis)</extracomment>
        <translation>Staffing suggestions</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/panel.py" line="125"/>
        <source>为没有主办、缺少报道形式或无人报道的环节挑选单位。建议以灰色“＋”显示在矩阵中，采纳后才写入。</source>
        <translation>Picks outlets for stages without a lead, missing a required format or not covered. Suggestions show greyed with “＋” in the matrix; nothing is written until you accept.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/panel.py" line="130"/>
        <source>权重</source>
        <translation>Weights</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/panel.py" line="140"/>
        <location filename="../../planner/ui/suggest/panel.py" line="253"/>
        <source>全部单位</source>
        <translation>All outlets</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/panel.py" line="141"/>
        <source>只从这个联合体的成员中挑选</source>
        <translation>Pick only from this alliance&apos;s members</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/panel.py" line="144"/>
        <source>候选：</source>
        <translation>Candidates:</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/panel.py" line="149"/>
        <source>范围：</source>
        <translation>Stages:</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/panel.py" line="152"/>
        <location filename="../../planner/ui/suggest/panel.py" line="433"/>
        <source>生成建议</source>
        <translation>Suggest</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/panel.py" line="166"/>
        <source>采纳所选</source>
        <translation>Accept selected</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/panel.py" line="168"/>
        <source>全部采纳</source>
        <translation>Accept all</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/panel.py" line="170"/>
        <source>否决…</source>
        <translation>Reject…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/panel.py" line="186"/>
        <source>撤销否决</source>
        <translation>Withdraw rejection</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/panel.py" line="187"/>
        <source>这家单位以后又可以被建议</source>
        <translation>This outlet may be suggested again</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/panel.py" line="202"/>
        <source>关闭补位建议（建议不再显示在矩阵中）</source>
        <translation>Close the staffing suggestions (they leave the matrix)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/panel.py" line="346"/>
        <source>建议（未采纳）：</source>
        <translation>Suggested (not accepted): </translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/panel.py" line="375"/>
        <source>采纳补位建议：{outlet}报道“{stage}”</source>
        <translation>Accept suggestion: {outlet} covers “{stage}”</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/panel.py" line="377"/>
        <source>采纳 {n} 条补位建议</source>
        <translation>Accept {n} suggestions</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/panel.py" line="391"/>
        <source>否决补位建议：{outlet}</source>
        <translation>Reject suggestion: {outlet}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/panel.py" line="399"/>
        <source>撤销否决：{outlet}</source>
        <translation>Withdraw rejection: {outlet}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/panel.py" line="433"/>
        <source>重新生成</source>
        <translation>Suggest again</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/panel.py" line="451"/>
        <source>未能补上：</source>
        <translation>Not filled: </translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/panel.py" line="466"/>
        <source>整个项目</source>
        <translation>whole project</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/panel.py" line="470"/>
        <source>已否决（{n}）</source>
        <translation>Rejected ({n})</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/panel.py" line="478"/>
        <source>选择一个项目后可生成补位建议。</source>
        <translation>Choose a project to get staffing suggestions.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/panel.py" line="480"/>
        <source>至少要有一项权重大于 0。</source>
        <translation>At least one weight must be above 0.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/panel.py" line="482"/>
        <source>正在计算补位建议…</source>
        <translation>Computing suggestions…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/panel.py" line="487"/>
        <source>这个项目还没有环节，无从补位。</source>
        <translation>This project has no stages yet: there is nothing to staff.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/panel.py" line="489"/>
        <source>这个项目目前没有缺口：每个环节都有主办和要求的报道形式。</source>
        <translation>This project has no gaps: every stage has a lead and the required formats.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/panel.py" line="490"/>
        <source>这个项目有 {n} 处缺口。调好权重后点“生成建议”。</source>
        <translation>This project has {n} gaps. Set the weights, then press Suggest.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/panel.py" line="492"/>
        <source>没有需要补位的缺口：每个环节都有主办单位和项目要求的全部报道形式。</source>
        <translation>No gaps to fill: every stage has a lead and every required format.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/panel.py" line="493"/>
        <source>{holes} 处缺口，{n} 条建议；目标值 {objective}（逐项挑选基线 {greedy}），求解 {seconds} 秒。</source>
        <translation>{holes} gaps, {n} suggestions; objective {objective} (greedy baseline {greedy}), solved in {seconds} s.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/panel.py" line="497"/>
        <source>求解达到时限，这是目前找到的最好方案。</source>
        <translation> The solver reached its time limit: this is the best plan found so far.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/panel.py" line="499"/>
        <source>求解器在时限内没有找到方案，以下为逐项挑选的结果。</source>
        <translation> The solver found no plan in time: these are the greedy picks.</translation>
    </message>
</context>
<context>
    <name>TemplateDialog</name>
    <message>
        <location filename="../../planner/ui/workspace/template_dialog.py" line="20"/>
        <source>从模板新建项目</source>
        <translation>New project from a template</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/template_dialog.py" line="25"/>
        <source>场景模板</source>
        <translation>Scenario</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/template_dialog.py" line="31"/>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/template_dialog.py" line="32"/>
        <source>项目编号</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/template_dialog.py" line="33"/>
        <source>开始日期</source>
        <translation>Start date</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/template_dialog.py" line="34"/>
        <source>牵头单位</source>
        <translation>Lead outlet</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/template_dialog.py" line="34"/>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/template_dialog.py" line="36"/>
        <source>沿线站点</source>
        <translation>Stations on the line</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/template_dialog.py" line="64"/>
        <source>从模板新建项目“{title}”</source>
        <translation>Create project “{title}” from a template</translation>
    </message>
</context>
<context>
    <name>TimelineTab</name>
    <message>
        <location filename="../../planner/ui/workspace/timeline.py" line="50"/>
        <source>一,二,三,四,五,六,日</source>
        <translation>Mon,Tue,Wed,Thu,Fri,Sat,Sun</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/timeline.py" line="51"/>
        <source>环节 / 各项截稿</source>
        <translation>Stages / deadlines</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/timeline.py" line="56"/>
        <source>按天</source>
        <translation>By day</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/timeline.py" line="56"/>
        <source>按小时</source>
        <translation>By hour</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/timeline.py" line="57"/>
        <source>按周</source>
        <translation>By week</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/timeline.py" line="64"/>
        <source>今天</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/timeline.py" line="65"/>
        <source>滚动到今天</source>
        <translation>Scroll to today</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/timeline.py" line="67"/>
        <source>逐项显示截稿</source>
        <translation>One line per deadline</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/timeline.py" line="69"/>
        <source>每项任务的截稿单独占一行；关闭后截稿画在环节所在行</source>
        <translation>Each assignment&apos;s deadline on its own line; off: deadlines drawn on their stage&apos;s line</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/timeline.py" line="71"/>
        <source>条形：环节（蓝 站点 · 绿 阶段 · 橙 活动）&#x3000;◆ 截稿（橙 未完成 · 红 逾期 · 紫 已交稿 · 绿 已刊发）</source>
        <translation>Bars: stages (blue place · green phase · orange event)   ◆ deadlines (orange open · red overdue · violet filed · green published)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/timeline.py" line="74"/>
        <source>拖动条形移动环节，拖动两端改时间，拖动◆改截稿；Esc 取消</source>
        <translation>Drag a bar to move a stage, its ends to change its times, a ◆ to move a deadline; Esc cancels</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/timeline.py" line="149"/>
        <source>截稿 {time}</source>
        <translation>Due {time}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/timeline.py" line="150"/>
        <location filename="../../planner/ui/workspace/timeline.py" line="168"/>
        <source>{start} 至 {end}</source>
        <translation>{start} to {end}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/timeline.py" line="155"/>
        <source>截稿 {time} · {status}</source>
        <translation>Due {time} · {status}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/timeline.py" line="158"/>
        <source>人员：{names}</source>
        <translation>People: {names}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/timeline.py" line="160"/>
        <source>已逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/timeline.py" line="169"/>
        <source>（时间待定）</source>
        <translation> (time to be confirmed)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/timeline.py" line="171"/>
        <source>时间未定</source>
        <translation>No time yet</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/timeline.py" line="178"/>
        <source>{n} 项任务</source>
        <translation>{n} assignments</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/timeline.py" line="180"/>
        <source>拖动移动（截稿随之移动），拖动两端改开始或结束</source>
        <translation>Drag to move (deadlines move along); drag an end to change the start or end</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/timeline.py" line="189"/>
        <source>截稿改到 {time}：{what}</source>
        <translation>Deadline moved to {time}: {what}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/timeline.py" line="194"/>
        <source>移动环节“{title}”到 {time}</source>
        <translation>Move stage “{title}” to {time}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/timeline.py" line="197"/>
        <source>调整环节“{title}”的时间</source>
        <translation>Change the times of stage “{title}”</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/timeline.py" line="215"/>
        <source>打开任务</source>
        <translation>Open assignment</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/timeline.py" line="219"/>
        <source>打开环节</source>
        <translation>Open stage</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/timeline.py" line="221"/>
        <source>备注…</source>
        <translation>Notes…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/timeline.py" line="222"/>
        <source>修改历史…</source>
        <translation>History…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workspace/timeline.py" line="83"/>
        <source>这个项目还没有环节，时间线为空。</source>
        <translation>This project has no stages; the timeline is empty.</translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <location filename="../../planner/ui/timeline/view.py" line="269"/>
        <source>时间未定</source>
        <extracomment>whether bars and deadlines may be dragged (a shared server&apos;s role: planner.ui.server.gates) texts the tab supplies (translated): (row, part) → tooltip, and a deadline line&apos;s name</extracomment>
        <translation>No time yet</translation>
    </message>
    <message>
        <location filename="../../planner/ui/timeline/view.py" line="351"/>
        <source>今天</source>
        <translation>Today</translation>
    </message>
</context>
<context>
    <name>WeekdayChecks</name>
    <message>
        <location filename="../../planner/ui/schedule/availability_dialog.py" line="54"/>
        <source>一 二 三 四 五 六 日</source>
        <translation>Mon Tue Wed Thu Fri Sat Sun</translation>
    </message>
</context>
<context>
    <name>WeightSliders</name>
    <message>
        <location filename="../../planner/ui/suggest/weights.py" line="20"/>
        <source>路程近</source>
        <extracomment>(field, label, tip) in the order shown</extracomment>
        <translation>Short travel</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/weights.py" line="20"/>
        <source>从单位所在地到环节地点的路程越短越好</source>
        <translation>The shorter the travel from the outlet to the stage&apos;s place, the better</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/weights.py" line="21"/>
        <source>负载均衡</source>
        <translation>Load balance</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/weights.py" line="21"/>
        <source>避免把任务压给产能快用完的单位</source>
        <translation>Spare outlets whose capacity is nearly used up</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/weights.py" line="22"/>
        <source>跨省联通</source>
        <translation>Cross-province</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/weights.py" line="22"/>
        <source>优先与环节现有单位不同省份的单位（横向联通）</source>
        <translation>Prefer outlets from another province than the stage&apos;s partners (horizontal links)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/weights.py" line="23"/>
        <source>纵向贯通</source>
        <translation>Vertical links</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/weights.py" line="23"/>
        <source>优先与环节现有单位不同层级的单位（纵向贯通）</source>
        <translation>Prefer outlets of another tier than the stage&apos;s partners (vertical links)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/weights.py" line="24"/>
        <source>带动孤岛</source>
        <translation>Isolated outlets</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/weights.py" line="24"/>
        <source>优先近一年没有合作的单位（打破孤岛效应）</source>
        <translation>Prefer outlets without joint work in the past year (bring in isolated outlets)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/weights.py" line="61"/>
        <source>恢复默认权重</source>
        <translation>Default weights</translation>
    </message>
    <message>
        <location filename="../../planner/ui/suggest/weights.py" line="63"/>
        <source>至少要有一项权重大于 0。</source>
        <translation>At least one weight must be above 0.</translation>
    </message>
</context>
<context>
    <name>_Optional</name>
    <message>
        <location filename="../../planner/ui/dates.py" line="34"/>
        <source>勾选后填写；不勾选表示未定</source>
        <translation>Tick to fill in; unticked means not decided yet</translation>
    </message>
    <message>
        <location filename="../../planner/ui/dates.py" line="37"/>
        <source>未填</source>
        <translation>Not set</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <location filename="../../planner/ui/schedule/__init__.py" line="156"/>
        <source>联合报道策划</source>
        <translation>Joint-Coverage Planner</translation>
    </message>
</context>
</TS>
