"""Admins see each model version's held-out evaluation and can make one live or roll back."""

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join

from caredesk.intelligence.evaluation_report import weighting_summary
from caredesk.intelligence.models import Insight, ModelVersion
from caredesk.intelligence.services.training import activate_version, rollback


@admin.register(ModelVersion)
class ModelVersionAdmin(admin.ModelAdmin):
    list_display = (
        "__str__",
        "target",
        "is_active",
        "created_at",
        "trained_on",
        "accuracy",
        "macro_f1",
        "baseline",
        "class_weighting",
    )
    list_filter = ("target", "is_active")
    readonly_fields = ("target", "created_at", "trained_on", "is_active", "evaluation", "confusion")
    exclude = ("metrics",)
    actions = ("make_live", "roll_back")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # versions come from training, never from a form

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet[ModelVersion]:
        return super().get_queryset(request).defer("artefact")

    @admin.display(description="accuracy")
    def accuracy(self, version: ModelVersion) -> object:
        return version.metrics.get("accuracy")

    @admin.display(description="macro-F1")
    def macro_f1(self, version: ModelVersion) -> object:
        return version.metrics.get("macro_f1")

    @admin.display(description="majority baseline")
    def baseline(self, version: ModelVersion) -> object:
        return version.metrics.get("baseline_accuracy")

    @admin.display(description="class weighting")
    def class_weighting(self, version: ModelVersion) -> str:
        return weighting_summary(version.metrics)

    @admin.display(description="held-out evaluation")
    def evaluation(self, version: ModelVersion) -> str:
        shown = ("split", "train_rows", "test_rows", "accuracy", "macro_f1", "baseline_label",
                 "baseline_accuracy", "baseline_macro_f1", "balanced_linear_accuracy",
                 "balanced_linear_macro_f1", "unbalanced_linear_accuracy",
                 "unbalanced_linear_macro_f1", "train_seconds")  # fmt: skip
        return format_html_join(
            "", "<div>{}: {}</div>", ((key, version.metrics.get(key)) for key in shown)
        )

    @admin.display(description="confusion matrix (rows: true, columns: predicted)")
    def confusion(self, version: ModelVersion) -> str:
        labels = version.metrics.get("labels", [])
        head = format_html_join("", "<th>{}</th>", ((label,) for label in labels))
        body = format_html_join(
            "",
            "<tr><th>{}</th>{}</tr>",
            (
                (label, format_html_join("", "<td>{}</td>", ((cell,) for cell in row)))
                for label, row in zip(labels, version.metrics.get("confusion", []), strict=False)
            ),
        )
        return format_html("<table><tr><th></th>{}</tr>{}</table>", head, body)

    @admin.action(description="Make the selected version live")
    def make_live(self, request: HttpRequest, queryset: QuerySet[ModelVersion]) -> None:
        for version in queryset:
            activate_version(version)
        messages.success(request, "The selected versions are live.")

    @admin.action(description="Roll back to the previous version of its target")
    def roll_back(self, request: HttpRequest, queryset: QuerySet[ModelVersion]) -> None:
        for target in {version.target for version in queryset}:
            live = rollback(target)
            messages.info(request, f"{target}: {live or 'keyword rules (no model live)'}")


@admin.register(Insight)
class InsightAdmin(admin.ModelAdmin):
    list_display = (
        "__str__",
        "ticket",
        "language",
        "sentiment",
        "frustration",
        "is_heated",
        "created_at",
    )
    list_filter = ("language", "is_heated")
    raw_id_fields = ("ticket", "message")
