"""Admins' triage screens: try the classifier on an exported history, and the model versions
(their held-out figures, which is live, make one live, roll back, train now)."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from caredesk.accounts.ui.access import admin_only
from caredesk.intelligence.choices import Target
from caredesk.intelligence.classifier import Evaluation, NotEnoughData
from caredesk.intelligence.evaluation_report import evaluate_loaded_export, per_label_rows
from caredesk.intelligence.history_csv import UnreadableExport
from caredesk.intelligence.selectors import model_versions, versions_by_target
from caredesk.intelligence.services.training import activate_version, request_training, rollback
from caredesk.intelligence.ui.forms import TriageTrialForm


def confusion_rows(evaluation: dict[str, Any]) -> list[tuple[str, list[int]]]:
    """(true label, counts per predicted label) for a confusion-matrix table."""
    return list(zip(evaluation.get("labels", []), evaluation.get("confusion", []), strict=False))


def _trial_result(evaluation: Evaluation, encoding: str) -> dict[str, Any]:
    figures = evaluation.as_dict()
    return {
        "evaluation": figures,
        "encoding": encoding,
        "per_label": per_label_rows(evaluation),
        "confusion": confusion_rows(figures),
    }


@require_http_methods(["GET", "POST"])
@admin_only
def triage_trial(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return render(request, "intelligence/triage_trial.html", {"form": TriageTrialForm()})
    form = TriageTrialForm(request.POST, request.FILES)
    context: dict[str, Any] = {"form": form}
    status = 422
    if form.is_valid() and form.loaded is not None:
        try:
            evaluation = evaluate_loaded_export(
                form.loaded,
                text_columns=form.cleaned_data["text_columns"],
                label_column=form.cleaned_data["label_column"],
                test_size=form.test_size,
                seed=form.cleaned_data["seed"],
            )
        except UnreadableExport as error:
            form.add_error("text_columns", str(error))
        except NotEnoughData as error:
            form.add_error("label_column", f"{error} This column does not give two.")
        except ValueError as error:
            # scikit-learn's refusal of texts with nothing to learn ("empty vocabulary").
            form.add_error("text_columns", f"Nothing to learn from these columns: {error}")
        else:
            status = 200
            context["result"] = _trial_result(evaluation, form.loaded.encoding)
    return render(request, "intelligence/triage_trial.html", context, status=status)


@require_POST
@admin_only
def triage_trial_columns(request: HttpRequest) -> HttpResponse:
    """The columns of the file just chosen, as the trial form's choices (an htmx fragment)."""
    read = TriageTrialForm(request.POST, request.FILES)
    read.is_valid()
    if read.loaded is None:
        context: dict[str, Any] = {"export_errors": read.errors.get("export", [])}
        return render(request, "intelligence/_trial_columns.html", context, status=422)
    # Choices already made stay made when another file has the same columns.
    chosen: dict[str, Any] = {
        "text_columns": request.POST.getlist("text_columns"),
        "label_column": request.POST.get("label_column", ""),
    }
    form = TriageTrialForm(initial=chosen)
    form.column_choices_from(read.loaded)
    columns = {"form": form, "rows": len(read.loaded.rows), "encoding": read.loaded.encoding}
    return render(request, "intelligence/_trial_columns.html", columns)


@require_http_methods(["GET"])
@admin_only
def triage_models(request: HttpRequest) -> HttpResponse:
    targets = versions_by_target()
    rows = [
        {
            "group": group,
            "versions": [
                {"version": version, "confusion": confusion_rows(version.metrics)}
                for version in group.versions
            ],
        }
        for group in targets
    ]
    return render(request, "intelligence/triage_models.html", {"targets": rows})


def _target(target: str) -> Target:
    if target not in Target.values:
        raise Http404("Triage predicts no such field.")
    return Target(target)


@require_POST
@admin_only
def triage_model_activate(request: HttpRequest, version_id: int) -> HttpResponse:
    version = model_versions().filter(pk=version_id).first()
    if version is None:
        raise Http404("No such model version.")
    activate_version(version)
    messages.success(request, f"{version.get_target_display()} model v{version.pk} is live now.")
    return redirect("web:triage_models")


@require_POST
@admin_only
def triage_rollback(request: HttpRequest, target: str) -> HttpResponse:
    chosen = _target(target)
    live = rollback(chosen)
    if live is None:
        messages.success(
            request,
            f"No {chosen.label.lower()} model is live now: keyword suggestions until the next training.",
        )
    else:
        messages.success(request, f"{chosen.label} model v{live.pk} is live again.")
    return redirect("web:triage_models")


@require_POST
@admin_only
def triage_train(request: HttpRequest, target: str) -> HttpResponse:
    chosen = _target(target)
    try:
        request_training(chosen)
    except NotEnoughData as error:
        messages.error(request, f"Not trained: {error}")
        return redirect("web:triage_models")
    messages.success(
        request,
        f"Training of the {chosen.label.lower()} model has started in the background; "
        "its version appears here when it is done.",
    )
    return redirect("web:triage_models")
