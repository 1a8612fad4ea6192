import { BUREAUS, type Bureau, REGIONS } from "@jindu/schema/domain";
import { CADENCES, NewSourceSchema, RELEASE_DAY } from "@jindu/schema/source";
import { useQuery } from "@tanstack/react-query";
import { Form, Input, InputNumber, Modal, Select, Switch } from "antd";
import { useTranslation } from "react-i18next";
import type { Lang } from "../../lib/format.ts";
import { zodRule } from "../../lib/zodRule.ts";
import { errorText } from "../auth/queries.ts";
import { targetsQuery } from "../board/queries.ts";
import { FieldError, useCreateSource } from "./queries.ts";

type Values = {
  id: string;
  name: string;
  bureau: Bureau;
  cadence: (typeof CADENCES)[number];
  releaseDay: number;
  allIndicators: boolean;
  indicators?: string[];
  allRegions: boolean;
  regions?: string[];
};

/** The new-source form; on success hands the created source and its once-shown key to the page. */
export function CreateSourceModal({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (id: string, apiKey: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const [form] = Form.useForm<Values>();
  const targets = useQuery(targetsQuery);
  const create = useCreateSource();
  const allIndicators = Form.useWatch("allIndicators", form);
  const allRegions = Form.useWatch("allRegions", form);
  const indicatorOptions = (targets.data?.items ?? [])
    .filter((tg) => tg.kind !== "qualitative")
    .map((tg) => ({ value: tg.code, label: `${lang === "en" ? tg.nameEn : tg.nameZh} (${tg.code})` }));

  const submit = async (v: Values) => {
    try {
      const created = await create.mutateAsync({
        id: v.id,
        name: v.name,
        bureau: v.bureau,
        cadence: v.cadence,
        releaseDay: v.releaseDay,
        indicators: v.allIndicators ? "*" : (v.indicators ?? []),
        regions: v.allRegions ? "*" : ((v.regions ?? []) as (typeof REGIONS)[number][]),
      });
      onCreated(created.source.id, created.apiKey);
    } catch (e) {
      // The API's message at the field it concerns; otherwise at the form's top.
      const field = e instanceof FieldError && e.field && e.field in form.getFieldsValue() ? e.field : "id";
      form.setFields([{ name: field as keyof Values, errors: [errorText(e, lang)] }]);
    }
  };

  return (
    <Modal
      open
      title={t("sources.create.title")}
      okText={t("sources.create.submit")}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      onCancel={onClose}
      width={640}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        name="create-source"
        onFinish={submit}
        initialValues={{ cadence: "monthly", releaseDay: RELEASE_DAY.default, allIndicators: false, allRegions: true }}
      >
        <Form.Item
          name="id"
          label={t("sources.field.id")}
          extra={t("sources.create.idHelp")}
          rules={[
            { required: true, message: t("sources.create.required") },
            zodRule(NewSourceSchema.shape.id, t("sources.create.idInvalid")),
          ]}
        >
          <Input autoComplete="off" placeholder="industry-monthly" />
        </Form.Item>
        <Form.Item
          name="name"
          label={t("sources.field.name")}
          rules={[{ required: true, message: t("sources.create.required") }, { max: 100 }]}
        >
          <Input placeholder={t("sources.create.namePlaceholder")} />
        </Form.Item>
        <Form.Item
          name="bureau"
          label={t("sources.field.bureau")}
          rules={[{ required: true, message: t("sources.create.required") }]}
        >
          <Select
            showSearch={{ optionFilterProp: "label" }}
            options={Object.entries(BUREAUS).map(([value, b]) => ({ value, label: lang === "en" ? b.en : b.zh }))}
          />
        </Form.Item>
        <div className="source-form-row">
          <Form.Item name="cadence" label={t("sources.field.cadence")} rules={[{ required: true }]}>
            <Select options={CADENCES.map((c) => ({ value: c, label: t(`sources.cadence.${c}`) }))} />
          </Form.Item>
          <Form.Item
            name="releaseDay"
            label={t("sources.field.releaseDay")}
            extra={t("sources.create.releaseDayHelp")}
            rules={[zodRule(NewSourceSchema.shape.releaseDay, t("sources.create.releaseDayInvalid"))]}
          >
            <InputNumber min={RELEASE_DAY.min} max={RELEASE_DAY.max} />
          </Form.Item>
        </div>
        <Form.Item name="allIndicators" label={t("sources.field.indicators")} valuePropName="checked">
          <Switch
            checkedChildren={t("sources.any")}
            unCheckedChildren={t("sources.chosen")}
            aria-label={t("sources.create.anyIndicator")}
          />
        </Form.Item>
        {!allIndicators && (
          <Form.Item name="indicators" rules={[{ required: true, message: t("sources.create.pickIndicators") }]}>
            <Select
              mode="multiple"
              aria-label={t("sources.field.indicators")}
              loading={targets.isPending}
              showSearch={{ optionFilterProp: "label" }}
              options={indicatorOptions}
              placeholder={t("sources.create.pickIndicators")}
            />
          </Form.Item>
        )}
        <Form.Item name="allRegions" label={t("sources.field.regions")} valuePropName="checked">
          <Switch
            checkedChildren={t("sources.any")}
            unCheckedChildren={t("sources.chosen")}
            aria-label={t("sources.create.anyRegion")}
          />
        </Form.Item>
        {!allRegions && (
          <Form.Item name="regions" rules={[{ required: true, message: t("sources.create.pickRegions") }]}>
            <Select
              mode="multiple"
              aria-label={t("sources.field.regions")}
              options={REGIONS.map((r) => ({ value: r, label: r }))}
              placeholder={t("sources.create.pickRegions")}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
