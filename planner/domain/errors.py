"""Typed errors of the planner and their messages for people.

The core raises these with a stable ``code`` and ``params``; :func:`error_text` turns one into a
sentence in Chinese or English. The desktop app and the command line show that sentence, never a
traceback.
"""

from __future__ import annotations

from typing import Any


class PlannerError(Exception):
    """Base of every error the planner expects and explains."""

    code = "error"

    def __init__(self, code: str | None = None, /, *, field: str | None = None, **params: Any) -> None:
        self.code = code or type(self).code
        self.field = field
        self.params = params
        super().__init__(error_text(self, "en"))


class ValidationError(PlannerError):
    """Input that breaks a rule: empty name, end before start, unknown place, …"""

    code = "invalid"


class DuplicateError(ValidationError):
    code = "duplicate"


class NotFoundError(PlannerError):
    code = "not_found"


class IllegalTransitionError(ValidationError):
    code = "illegal_transition"


class CycleError(ValidationError):
    code = "cycle"


class StaleError(PlannerError):
    """The row changed underneath (optimistic lock): reload and try again."""

    code = "stale"


class DatabaseError(PlannerError):
    """A database file that cannot be opened safely; the file is left untouched."""

    code = "db_error"


class NotPlannerDatabaseError(DatabaseError):
    code = "not_planner_db"


class SchemaTooNewError(DatabaseError):
    code = "schema_too_new"


class CorruptDatabaseError(DatabaseError):
    code = "corrupt_db"


class DatabaseInUseError(DatabaseError):
    code = "db_in_use"


class MigrationError(DatabaseError):
    code = "migration_failed"


class PermissionDeniedError(PlannerError):
    """The shared server's rules do not let this account make the change (see ``domain.accounts``)."""

    code = "permission_denied"


class ServerError(DatabaseError):
    """Signing in to, setting up or managing accounts on a shared server failed."""

    code = "server_error"


class DiskFullError(DatabaseError):
    """The disk (or the user's quota) is full: nothing was written, and the file is not damaged."""

    code = "disk_full"


class WritesStoppedError(DatabaseError):
    """The database file failed its full integrity check after opening: no more writes go into it."""

    code = "writes_stopped"


class ImportFileError(PlannerError):
    """An import file with problems; ``problems`` lists (row number, message) pairs."""

    code = "import_failed"

    def __init__(self, code: str | None = None, /, *, problems: list[tuple[int, str]] | None = None, **params: Any):
        self.problems = problems or []
        super().__init__(code, **params)


class InputFileError(ImportFileError):
    """A file from elsewhere (roster, bundle) refused before or while it was read — not a regular
    file, too large, damaged; nothing was written."""

    code = "input_file"


_MESSAGES: dict[str, tuple[str, str]] = {
    "error": ("操作失败。", "The operation failed."),
    "invalid": ("输入有误：{detail}", "Invalid input: {detail}"),
    "empty": ("{what}不能为空。", "The {what_en} must not be empty."),
    "too_long": ("{what}过长（最多 {limit} 字）。", "The {what_en} is too long (at most {limit} characters)."),
    "control_chars": ("{what}含有不可见的控制字符。", "The {what_en} contains invisible control characters."),
    "duplicate": ("已存在同名{what}：{value}", "This {what_en} already exists: {value}"),
    "duplicate_assignment": (
        "该单位已在此环节承担相同形式的任务（{value}）。",
        "This outlet already covers this stage in the same format ({value}).",
    ),
    "not_found": ("找不到{what}：{ref}", "No {what_en} found: {ref}"),
    "ambiguous": ("{ref} 对应多个{what}，请改用编号。", "{ref} matches several {what_en}; use the id."),
    "ambiguous_choice": (
        "“{ref}”对应多个{what}，请从下拉列表中选一个。",
        "“{ref}” matches several {what_en}; pick one from the list.",
    ),
    "nothing_to_change": (
        "所选人员已经都在（或都不在）这些任务中，没有需要修改的。",
        "The chosen people are already on (or already off) these assignments: nothing to change.",
    ),
    "end_before_start": ("结束时间早于开始时间。", "The end is before the start."),
    "date_out_of_range": (
        "日期超出范围：{value}（应在 {low} 年至 {high} 年之间）",
        "Date out of range: {value} (expected between the years {low} and {high})",
    ),
    "bad_date": ("无法识别的日期：{value}（应为 2025-04-22 这样的格式）", "Not a date: {value} (expected e.g. 2025-04-22)"),
    "bad_choice": ("{what}的取值无效：{value}", "Invalid {what_en}: {value}"),
    "number_too_large": ("{what}过大：{value}（最多 {limit}）", "The {what_en} is too large: {value} (at most {limit})"),
    "bad_number": ("{what}应为非负整数：{value}", "The {what_en} must be a whole number ≥ 0: {value}"),
    "unknown_place": ("未知的行政区划代码或地名：{value}", "Unknown place code or name: {value}"),
    "bad_phone": (
        "电话号码格式不对：{value}。手机号 11 位（如 138 1234 5678）；座机要带区号（如 028-86961234），分机写在后面（如 028-86961234 转 8012）。",
        "Not a phone number: {value}. A mobile has 11 digits (e.g. 138 1234 5678); a landline needs its area code (e.g. 028-86961234), an extension goes after it (e.g. 028-86961234 ext. 8012).",
    ),
    "travel_speed": (
        "行程速度应为 {low}–{high} 公里/小时之间的数：{value}",
        "The travel speed must be a number from {low} to {high} km/h: {value}",
    ),
    "bad_email": ("邮箱格式不正确：{value}", "Not an e-mail address: {value}"),
    "station_place": (
        "站点“{station}”不是地名，请为它选择所在的地方。",
        "Station “{station}” is not a place name: choose the place it lies in.",
    ),
    "ambiguous_place": (
        "“{value}”对应多个地方：{candidates}。请从下拉列表中选一个。",
        "“{value}” names several places: {candidates}. Pick one from the list.",
    ),
    "self_parent": ("单位不能是自己的上级单位。", "An outlet cannot be its own parent."),
    "parent_cycle": ("上级单位关系不能成环。", "Parent outlets cannot form a cycle."),
    "illegal_transition": (
        "任务状态不能从“{src}”改为“{dst}”。",
        "An assignment cannot move from {src_en} to {dst_en}.",
    ),
    "reason_required": (
        "从“{src}”退回“{dst}”或婉拒、取消需要填写原因。",
        "Moving from {src_en} back to {dst_en}, declining or cancelling needs a reason.",
    ),
    "cycle": ("环节依赖不能成环：{path}", "Stage dependencies cannot form a cycle: {path}"),
    "self_dependency": ("环节不能依赖自身。", "A stage cannot depend on itself."),
    "cross_project_dependency": ("只能依赖同一项目中的环节。", "A stage can only depend on stages of its own project."),
    "person_not_on_assignment": (
        "{person}不属于承担该任务的单位（{outlet}）。",
        "{person} does not belong to the outlet on this assignment ({outlet}).",
    ),
    "in_use": ("{what}仍被引用（{count} 处），不能删除。", "The {what_en} is still referenced ({count} places) and cannot be deleted."),
    "stale": (
        "该{what}已被其他人或其他窗口修改，已重新载入，请再试一次。",
        "This {what_en} was changed elsewhere; it has been reloaded, please try again.",
    ),
    "no_local_file": ("服务器上的数据库没有本地文件。", "A database on a server has no local file."),
    "overwrite_open_file": ("不能覆盖正在使用的文件 {path}。", "The open file {path} cannot be overwritten."),
    "is_folder": ("{path} 是文件夹。", "{path} is a folder."),
    "file_exists": ("{path} 已存在。", "{path} already exists."),
    "folder_missing": ("{path} 所在的文件夹不存在。", "The folder of {path} does not exist."),
    "db_error": ("无法打开数据库 {path}：{detail}", "Cannot open database {path}: {detail}"),
    "not_planner_db": ("{path} 不是报道策划数据库，文件未作任何改动。", "{path} is not a planner database; it was left untouched."),
    "schema_too_new": (
        "{path} 由更新版本的程序创建（结构版本 {found}），请升级程序后再打开。文件未作任何改动。",
        "{path} was made by a newer version of the planner (schema {found}); upgrade to open it. It was left untouched.",
    ),
    "schema_needs_upgrade": (
        "{path} 的结构版本较旧，需要以可写方式打开一次以完成升级。",
        "{path} has an older schema; open it for writing once to upgrade it.",
    ),
    "corrupt_db": ("{path} 已损坏（{detail}），文件未作任何改动。请从备份恢复。", "{path} is damaged ({detail}); it was left untouched. Restore a backup."),
    "db_in_use": (
        "{path} 正被另一个程序窗口使用，请先关闭那个窗口。",
        "{path} is in use by another planner window or process; close it first.",
    ),
    "migration_failed": (
        "升级数据库 {path} 失败：{detail}。原文件已备份至 {backup}。",
        "Upgrading {path} failed: {detail}. The original was backed up to {backup}.",
    ),
    "permission_denied": ("{reason}", "{reason_en}"),
    "server_error": ("服务器 {server} 出错：{detail}", "The server {server} reported an error: {detail}"),
    "server_login_failed": ("无法登录 {server}：用户名或密码不对。", "Cannot sign in to {server}: wrong user name or password."),
    "server_unreachable": ("连接不上服务器 {server}：{detail}", "Cannot reach the server {server}: {detail}"),
    "server_needs_upgrade": (
        "服务器上的数据库结构较旧（{found}），需由数据库所有者运行 planner-cli server init 升级后才能使用。",
        "The server's schema is older ({found}); its owner must run planner-cli server init to upgrade it first.",
    ),
    "server_not_set_up": (
        "{server} 还不是报道策划数据库，需由数据库所有者先运行 planner-cli server init。",
        "{server} is not a planner database yet; its owner must run planner-cli server init first.",
    ),
    "server_not_account": (
        "{login} 不是此服务器数据库的账号，请联系管理员。",
        "{login} has no account on this server database; ask an administrator.",
    ),
    "server_needs_createrole": (
        "{login} 没有创建登录角色的权限，请服务器管理员执行：ALTER ROLE {login} CREATEROLE;",
        "{login} may not create login roles; ask the server's administrator to run: ALTER ROLE {login} CREATEROLE;",
    ),
    "server_owner_only": (
        "只有数据库的所有者（{owner}）能设置或升级服务器，当前登录为 {login}。",
        "Only the database's owner ({owner}) can set up or upgrade the server; you are signed in as {login}.",
    ),
    "not_server": (
        "此命令只适用于 PostgreSQL 服务器数据库（postgresql+psycopg://…）。",
        "This command works on a PostgreSQL server database only (postgresql+psycopg://…).",
    ),
    "server_no_roles": (
        "此服务器数据库还没有账号和角色，请先运行 planner-cli server init。",
        "This server database has no accounts and roles yet; run planner-cli server init first.",
    ),
    "account_exists": ("登录名 {login} 已被占用。", "The login name {login} is already taken."),
    "account_not_found": ("没有名为 {login} 的账号。", "There is no account named {login}."),
    "bad_login": (
        "登录名 {login} 无效：只能用小写字母、数字和下划线，以字母开头，2–63 个字符。",
        "Invalid login name {login}: lower-case letters, digits and underscores, starting with a letter, 2–63 characters.",
    ),
    "bad_password": ("密码至少需要 {min} 个字符。", "The password needs at least {min} characters."),
    "account_needs_outlet": (
        "单位编辑账号必须指定所属媒体单位（--outlet）。",
        "An outlet desk account needs its outlet (--outlet).",
    ),
    "account_needs_person": (
        "协调人账号必须对应名录中的一个人（--person）：项目的协调人就是此人。",
        "A coordinator account needs a person of the directory (--person): the projects they coordinate name that person.",
    ),
    "last_admin": ("不能删除最后一个管理员账号。", "The last administrator account cannot be removed."),
    "not_author": (
        "这条备注是{author}写的，只有作者本人可以修改或删除；可以另写一条回复。",
        "This note was written by {author}; only its author may change or delete it — add a reply instead.",
    ),
    "not_revertible": ("这类修改（{what}）不能在历史记录里撤回。", "Changes of this kind ({what_en}) cannot be reverted from the history."),
    "revert_gone": ("这个{what}此后已被删除，不能撤回对它的修改。", "This {what_en} has been deleted since; its change cannot be reverted."),
    "revert_position": (
        "环节顺序的调整不能逐条撤回，请用上移/下移重新排列。",
        "A change of stage order cannot be reverted entry by entry; move the stages up or down instead.",
    ),
    "revert_changed_since": (
        "此后又有人修改了{fields}，不能直接撤回这一处修改；请先撤回较新的修改，或直接编辑。",
        "{fields_en} changed again since; revert the newer change first, or edit it directly.",
    ),
    "revert_exists": ("这个{what}已经存在，无需恢复。", "This {what_en} exists already; there is nothing to restore."),
    "revert_has_dependents": (
        "这个{what}上已有其他内容（{count} 项{kind}），不能撤回它的新建；请先删除那些内容。",
        "Other records now depend on this {what_en} ({count} {kind_en}); delete those first to revert its creation.",
    ),
    "revert_cannot_restore": (
        "不能恢复这个{what}：它所属的记录已不存在，或已有同名的记录。",
        "This {what_en} cannot be restored: the record it belonged to is gone, or another has its name.",
    ),
    "bad_recurrence": ("重复规则无效：{detail}", "Invalid recurrence: {detail}"),
    "recurrence_end": ("请选择重复的次数或截止日期（二选一）。", "Choose how many times, or until which day (one of the two)."),
    "too_many_occurrences": ("一个系列最多 {limit} 次。", "A series has at most {limit} occurrences."),
    "recurrence_weekdays": ("每周重复至少要选一天。", "A weekly series needs at least one weekday."),
    "series_no_occurrences": ("按这个规则一次也不会发生（{value}）。", "This rule never happens ({value})."),
    "recurrence_too_long": ("一个系列最长 {years} 年。", "A series may span at most {years} years."),
    "too_many_views": ("每页最多保存 {limit} 个视图，请先删除不用的。", "At most {limit} views per page; delete one you no longer use."),
    "not_in_series": ("这个环节不属于任何系列。", "This stage is not part of a series."),
    "import_failed": ("导入失败：{count} 行有问题，未写入任何数据。", "Import failed: {count} rows have problems; nothing was written."),
    "import_file": ("无法读取导入文件 {path}：{detail}", "Cannot read import file {path}: {detail}"),
    # Availability and schedules (planner.domain.availability, services.availability / agenda / reschedule)
    "bad_rule": (
        "无法识别的重复规则：{value}（应为 FREQ=WEEKLY;BYDAY=MO,WE 这样的每天、每周、每月或每年规则）",
        "Not a recurrence rule: {value} (expected a daily, weekly, monthly or yearly rule such as FREQ=WEEKLY;BYDAY=MO,WE)",
    ),
    "rule_no_occurrences": (
        "重复规则 {value} 从开始时间起没有任何一次发生（例如 2 月 31 日，或截止日期早于开始），未作任何改动。",
        "The recurrence rule {value} never occurs from the start time (e.g. 31 February, or an end before the start); nothing was changed.",
    ),
    "occurrence_too_long": (
        "重复时段每次不能超过 {days} 天；更长的休假请按不重复的时段登记。",
        "A repeating period may last at most {days} days each time; enter longer leave as a single period.",
    ),
    "availability_overlap": (
        "{person}在 {start} 至 {end} 已登记“{kind}”，与新时段重叠，未作任何改动。",
        "{person} already has “{kind_en}” from {start} to {end}, which overlaps; nothing was changed.",
    ),
    "deadline_before_stage": (
        "截稿时间（{due}）不能早于环节“{stage}”开始（{starts_at}），未作任何改动。",
        "The deadline ({due}) cannot be before stage “{stage}” starts ({starts_at}); nothing was changed.",
    ),
    "bad_duration": ("无法识别的时长：{value}（应为 48h、2d、90m 或 1w 这样的写法）", "Not a duration: {value} (expected e.g. 48h, 2d, 90m or 1w)"),
    "no_time": ("环节“{stage}”还没有时间，无法在日程中移动。", "Stage “{stage}” has no time yet and cannot be moved in the schedule."),
    # Staffing suggestions (planner.graph.staffing, services.suggestions / rejections / emergency)
    "weight_unknown": ("未知的权重“{name}”，可用：{known}。", "Unknown weight “{name}”; use one of: {known}."),
    "weight_value": ("权重 {name} 应为 0–{limit} 之间的数，不能是 {value}。",
                     "The weight {name} must be a number from 0 to {limit}, not {value}."),
    "weight_conflict": ("权重 {name} 给了两个不同的值（{first} 和 {second}），请只留一个。",
                        "The weight {name} is given two different values ({first} and {second}); keep one."),
    "weights_all_zero": ("所有权重都为 0，无从比较候选单位；至少一项应大于 0。",
                         "Every weight is 0, so nothing tells the candidates apart; make at least one above 0."),
    "no_stages": ("项目“{project}”还没有任何环节，无从补位：请先新建环节，或从模板新建项目。",
                  "Project “{project}” has no stages, so there is nothing to fill: add stages or start from a template."),
    "stage_not_in_project": ("“{ref}”不是项目“{project}”的环节。", "“{ref}” is not a stage of project “{project}”."),
    "no_suggestions": ("没有选中任何补位建议。", "No suggestion is chosen."),
    "suggestions_stale": ("方案在生成建议后有了变化，现在采纳会带来新问题：{finding}请重新生成建议。",
                          "The plan changed after the suggestions were made; applying them now would add a problem: {finding_en} Make the suggestions again."),
    "rejection_exists": ("已否决过{outlet}（{where}）。", "{outlet} is already rejected ({where_en})."),
    "emergency_time": ("突发时间 {value} 太久远：应在一年之内。", "The emergency time {value} is too far off: it must be within a year."),
    "import_bad_suffix": ("只能导入 .csv 或 .xlsx 文件：{path}", "Only .csv and .xlsx files can be imported: {path}"),
    "import_empty": ("{path} 是空的，没有可导入的内容。", "{path} is empty; there is nothing to import."),
    "import_no_header": ("{path} 的第一行没有表头。", "The first row of {path} holds no headers."),
    "import_no_sheet": ("{path} 中没有工作表。", "{path} holds no worksheet."),
    "import_not_xlsx": ("{path} 不是有效的 Excel 文件（.xlsx）。", "{path} is not a valid Excel workbook (.xlsx)."),
    "import_not_text": ("{path} 含有空字符，不是文本表格。", "{path} contains NUL characters; it is not a text table."),
    "import_bad_encoding": ("{path} 的文字编码无法识别（应为 UTF-8、GB18030 或 UTF-16）。",
                            "The text encoding of {path} is not recognised (expected UTF-8, GB18030 or UTF-16)."),
    "import_bad_csv": ("{path} 第 {row} 行无法按表格读取（引号不成对？）。",
                       "Line {row} of {path} cannot be read as a table row (an unclosed quote?)."),
    "import_missing_columns": ("{path} 缺少必需的列：{columns}（现有表头：{header}）",
                               "{path} lacks required columns: {columns} (its headers: {header})"),
    "import_duplicate_column": (
        "{path} 的表头中“{column}”与另一列表示同一项（第 {first} 列和第 {second} 列），请删去一列。",
        "The headers of {path} name the same field twice (“{column}”, columns {first} and {second}); remove one.",
    ),
    "read_only": ("数据库以只读方式打开，不能修改。", "The database is open read-only; it cannot be changed."),
    "disk_full": (
        "磁盘空间不足（{path}）：操作未完成，原有数据未受影响。请腾出空间后再试。",
        "Not enough disk space ({path}): the operation was not completed and existing data is unaffected. "
        "Free some space and try again.",
    ),
    "writes_stopped": (
        "完整性检查发现 {path} 已损坏，已停止保存修改。请从自动备份恢复，或先另存副本。",
        "The integrity check found {path} damaged; saving has stopped. Restore an automatic backup, or save a copy first.",
    ),
    # reading files from elsewhere (planner.services.bounded_read)
    "file_missing": ("找不到文件 {path}。", "File not found: {path}."),
    "file_denied": ("没有权限读取 {path}。", "No permission to read {path}."),
    "file_unreadable": ("无法读取 {path}（{detail}）。", "Cannot read {path} ({detail})."),
    "file_not_regular": ("{path} 不是普通文件，而是{kind}，未读取。", "{path} is not a regular file but {kind_en}; it was not read."),
    "file_too_large": ("{path} 太大（{size}），上限为 {limit}，未读取。", "{path} is too large ({size}); the limit is {limit}. It was not read."),
    "zip_invalid": (
        "{path} 不是有效的压缩文件（.xlsx 和 .jcp 都是 zip 格式），未读取。",
        "{path} is not a valid zip file (.xlsx and .jcp files are zip archives); it was not read.",
    ),
    "zip_too_many_members": (
        "{path} 中的文件过多（{count} 个，上限 {limit} 个），未读取。",
        "{path} holds too many files ({count}; the limit is {limit}); it was not read.",
    ),
    "zip_member_too_large": (
        "{path} 中的 {member} 解压后过大（{size}，上限 {limit}），未读取。",
        "{member} in {path} is too large unpacked ({size}; the limit is {limit}); it was not read.",
    ),
    "zip_total_too_large": (
        "{path} 解压后总计过大（{size}，上限 {limit}），未读取。",
        "{path} is too large unpacked ({size} in all; the limit is {limit}); it was not read.",
    ),
    "zip_damaged": (
        "{path} 已损坏：其中的 {member} 无法解压（{detail}），未导入任何内容。",
        "{path} is damaged: {member} inside it cannot be unpacked ({detail}); nothing was imported.",
    ),
    "too_many_rows": (
        "{path} 超过 {limit} 行，未导入。请拆分后分批导入。",
        "{path} has more than {limit} rows; nothing was imported. Split it and import the parts.",
    ),
    "too_many_cells": (
        "{path} 第 {row} 行超过 {limit} 个单元格，未导入。",
        "Row {row} of {path} has more than {limit} cells; nothing was imported.",
    ),
    "cell_too_long": (
        "{path} 第 {row} 行有单元格超过 {limit} 个字符，未导入。",
        "Row {row} of {path} has a cell longer than {limit} characters; nothing was imported.",
    ),
}

_WHAT_EN = {
    "名称": "name", "单位": "outlet", "媒体单位": "outlet", "联合体": "alliance", "人员": "person",
    "项目": "project", "环节": "stage", "报道环节": "stage", "任务": "assignment", "报道任务": "assignment",
    "标题": "title", "项目编号": "project code", "姓名": "name", "简称": "short name", "原因": "reason",
    "状态": "status", "层级": "tier", "形式": "format", "角色": "role", "类型": "kind", "产能": "capacity",
    "日期": "date", "设置": "setting", "行政区划": "place", "平台": "platform", "序号": "position",
    "备注": "notes", "说明": "description", "地点": "location", "电话": "phone", "邮箱": "e-mail",
    "联系方式": "contact", "简介": "summary", "任务说明": "brief", "成品链接": "deliverable link",
    "数据库": "database", "成员关系": "membership", "环节依赖": "stage dependency", "记录": "record",
    "任务人员": "assignment person", "不在岗时段": "unavailable period", "重复规则": "recurrence rule",
    "视图名称": "view name", "视图": "view", "开始时间": "start", "结束时间": "end",
}


def error_text(err: PlannerError, lang: str = "zh") -> str:
    """The sentence a person reads for ``err``, in Chinese (default) or English.

    An error class with its own table of sentences (a ``text(lang)`` method, as plan-bundle errors
    have) gives its own, so the sentence is wholly in one language.
    """
    own = getattr(type(err), "text", None)
    if callable(own):
        return one_line(str(err.text(lang)))  # type: ignore[attr-defined]
    zh, en = _MESSAGES.get(err.code, _MESSAGES["error"])
    params = dict(err.params)
    what = str(params.get("what", ""))
    params.setdefault("what", what)
    params.setdefault("what_en", _WHAT_EN.get(what, what))
    for key in ("src", "dst"):
        value = params.get(key)
        if value is not None and hasattr(value, "zh"):
            params[key] = value.zh
            params[f"{key}_en"] = value.en
    params.setdefault("detail", "")
    en_text = lang.startswith("en")
    for key, value in params.items():
        if isinstance(value, list | tuple):  # names listed in the sentence's own punctuation
            params[key] = (", " if en_text else "、").join(str(v) for v in value)
    template = en if en_text else zh
    try:
        return one_line(template.format(**params))
    except (KeyError, IndexError):
        return template


_BREAKS = {c: f"\\x{c:02x}" for c in (*range(0x20), 0x7F, 0x85)}
_BREAKS.update({0x0A: "\\n", 0x0D: "\\r", 0x09: "\\t", 0x2028: "\\u2028", 0x2029: "\\u2029"})


def one_line(text: str) -> str:
    """``text`` as one line: a value quoted from a file (a cell holding a line break, a NUL) shows
    its control characters as escapes (``\\n``) instead of breaking the message or the terminal."""
    return text.translate(_BREAKS)
