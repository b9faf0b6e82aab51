"""Enumerations of the domain, each member carrying its Chinese and English label.

Values are the stable English codes stored in the database and in exchange bundles;
labels are for people (``label("zh")`` / ``label("en")``).
"""

from __future__ import annotations

from enum import StrEnum


class LabeledEnum(StrEnum):
    """A string enum whose members are declared as ``(code, zh, en)``."""

    zh: str
    en: str

    def __new__(cls, code: str, zh: str, en: str) -> LabeledEnum:
        obj = str.__new__(cls, code)
        obj._value_ = code
        obj.zh = zh
        obj.en = en
        return obj

    def label(self, lang: str = "zh") -> str:
        return self.en if lang.startswith("en") else self.zh

    @classmethod
    def parse(cls, text: str) -> LabeledEnum:
        """Accept a code, a Chinese label or an English label (case-insensitive)."""
        t = text.strip()
        for m in cls:
            if t == m.value or t == m.zh or t.lower() == m.en.lower() or t.lower() == m.value.lower():
                return m
        raise ValueError(text)


class Tier(LabeledEnum):
    CENTRAL = ("central", "中央驻地", "Central (based locally)")
    PROVINCIAL = ("provincial", "省级", "Provincial")
    MUNICIPAL = ("municipal", "市级", "Municipal")
    COUNTY = ("county", "县级", "County")


TIER_RANK = {Tier.CENTRAL: 0, Tier.PROVINCIAL: 1, Tier.MUNICIPAL: 2, Tier.COUNTY: 3}


class AllianceKind(LabeledEnum):
    ALLIANCE = ("alliance", "联合体", "Alliance")
    REGIONAL = ("regional", "区域联盟", "Regional alliance")
    BILATERAL = ("bilateral", "合作协议", "Bilateral agreement")
    AD_HOC = ("ad_hoc", "临时协作", "Ad hoc")


class MembershipRole(LabeledEnum):
    FOUNDER = ("founder", "发起单位", "Founder")
    MEMBER = ("member", "成员单位", "Member")
    CHAIR = ("chair", "牵头单位", "Chair")


class PersonRole(LabeledEnum):
    REPORTER = ("reporter", "记者", "Reporter")
    PHOTOGRAPHER = ("photographer", "摄影", "Photographer")
    CAMERA = ("camera", "摄像", "Camera")
    EDITOR = ("editor", "编辑", "Editor")
    ANCHOR = ("anchor", "主播", "Anchor")
    PRODUCER = ("producer", "制片", "Producer")
    TECHNICIAN = ("technician", "技术", "Technician")


class ProjectKind(LabeledEnum):
    INFRASTRUCTURE = ("infrastructure", "重大工程", "Infrastructure")
    EVENT = ("event", "重大活动", "Major event")
    EMERGENCY = ("emergency", "突发事件", "Emergency")
    CULTURE_TOURISM = ("culture_tourism", "文化旅游", "Culture and tourism")
    INDUSTRY = ("industry", "产业经济", "Industry")
    POLICY = ("policy", "政策解读", "Policy")
    OTHER = ("other", "其他", "Other")


class ProjectStatus(LabeledEnum):
    DRAFT = ("draft", "草拟", "Draft")
    PLANNING = ("planning", "策划中", "Planning")
    ACTIVE = ("active", "执行中", "Active")
    CLOSED = ("closed", "已结束", "Closed")
    ARCHIVED = ("archived", "已归档", "Archived")


class StageKind(LabeledEnum):
    PLACE = ("place", "站点", "Place")
    PHASE = ("phase", "阶段", "Phase")
    EVENT = ("event", "活动", "Event")


class Role(LabeledEnum):
    LEAD = ("lead", "主办", "Lead")
    SUPPORT = ("support", "协办", "Support")
    SYNDICATE = ("syndicate", "转发", "Syndicate")


class Format(LabeledEnum):
    TEXT = ("text", "文字", "Text")
    PHOTO = ("photo", "图片", "Photo")
    SHORT_VIDEO = ("short_video", "短视频", "Short video")
    LIVE = ("live", "直播", "Live stream")
    H5 = ("h5", "H5", "H5 page")
    VR_AR = ("vr_ar", "VR/AR", "VR/AR")
    AUDIO = ("audio", "音频", "Audio")
    INFOGRAPHIC = ("infographic", "图解", "Infographic")


class Status(LabeledEnum):
    PLANNED = ("planned", "拟定", "Planned")
    CONFIRMED = ("confirmed", "已确认", "Confirmed")
    IN_PROGRESS = ("in_progress", "采制中", "In progress")
    FILED = ("filed", "已交稿", "Filed")
    PUBLISHED = ("published", "已刊发", "Published")
    CANCELLED = ("cancelled", "已取消", "Cancelled")
    DECLINED = ("declined", "已婉拒", "Declined")


ACTIVE_STATUSES = frozenset({Status.PLANNED, Status.CONFIRMED, Status.IN_PROGRESS, Status.FILED, Status.PUBLISHED})
OPEN_STATUSES = frozenset({Status.PLANNED, Status.CONFIRMED, Status.IN_PROGRESS})


class Entity(LabeledEnum):
    """The kinds of record the change log and ``Changes`` speak of."""

    OUTLET = ("outlet", "媒体单位", "Outlet")
    ALLIANCE = ("alliance", "联合体", "Alliance")
    MEMBERSHIP = ("membership", "成员关系", "Membership")
    PERSON = ("person", "人员", "Person")
    PROJECT = ("project", "项目", "Project")
    STAGE = ("stage", "报道环节", "Stage")
    STAGE_DEPENDENCY = ("stage_dependency", "环节依赖", "Stage dependency")
    ASSIGNMENT = ("assignment", "报道任务", "Assignment")
    ASSIGNMENT_PERSON = ("assignment_person", "任务人员", "Assignment person")
    SETTING = ("setting", "设置", "Setting")
    AVAILABILITY = ("availability", "不在岗时段", "Unavailable period")
    # Staffing suggestions (planner.services.suggestions): applying a set of them is one entry
    SUGGESTION = ("suggestion", "补位建议", "Staffing suggestions")
    SUGGESTION_REJECTION = ("suggestion_rejection", "否决的补位建议", "Rejected suggestion")
    NOTE = ("note", "备注", "Note")
    SERIES = ("stage_series", "环节系列", "Stage series")
    SERIES_OCCURRENCE = ("series_occurrence", "系列场次", "Series occurrence")


class Action(LabeledEnum):
    CREATE = ("create", "新建", "Create")
    UPDATE = ("update", "修改", "Update")
    DELETE = ("delete", "删除", "Delete")
    RESTORE = ("restore", "恢复", "Restore")
    MERGE = ("merge", "合并", "Merge")
    IMPORT = ("import", "导入", "Import")
    ERASE = ("erase", "清除个人信息", "Erase personal data")
